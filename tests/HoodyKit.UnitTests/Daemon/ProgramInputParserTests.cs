using System.Text.Json.Nodes;
using HoodyKit.Core.Hosting;
using HoodyKit.Daemon.Supervisor;
using HoodyKit.Daemon.Supervisor.Programs;
using Microsoft.Extensions.Options;

namespace HoodyKit.UnitTests.Daemon;

public sealed class ProgramInputParserTests
{
    private static readonly ProgramInputParser s_parser = new(
        new ProgramPaths(new KitSettings("/data", "/logs", null, null), Options.Create(new DaemonOptions { ProgramLogDir = "/plogs" })));

    private static JsonObject Body(string json) => JsonNode.Parse(json)!.AsObject();

    [Test]
    public void Edit_changes_only_the_fields_present()
    {
        var added = s_parser.Parse(Body("""{"name":"web","command":"node a.js","user":"root","priority":5,"environment":{"A":"1"}}"""), null).Config!;
        var edited = s_parser.Parse(Body("""{"command":"node b.js"}"""), added with { Id = 7 }).Config!;

        Assert.That(edited.Id, Is.EqualTo(7));
        Assert.That(edited.Command, Is.EqualTo("node b.js"));
        Assert.That(edited.Name, Is.EqualTo("web"));
        Assert.That(edited.Priority, Is.EqualTo(5));
        Assert.That(edited.Environment, Is.EqualTo(new Dictionary<string, string> { ["A"] = "1" }));
        Assert.That(edited.StdoutLogfile, Is.EqualTo("/plogs/web.out.log"));
    }

    [Test]
    public void An_edit_can_clear_a_nullable_field()
    {
        var added = s_parser.Parse(Body("""{"name":"gui","command":"xterm","user":"root","display":1}"""), null).Config!;
        Assert.That(added.Display, Is.EqualTo(":1"));
        Assert.That(s_parser.Parse(Body("""{"display":null}"""), added).Config!.Display, Is.Null);
    }

    [Test]
    public void Port_range_defaults_the_port_parameter()
    {
        var config = s_parser.Parse(Body("""{"name":"api","command":"x","user":"root","port_range":{"start":1,"end":2}}"""), null).Config!;
        Assert.That(config.PortParam, Is.EqualTo("--port"));
    }

    [Test]
    public void Plugins_directory_marks_a_hoody_kit_program()
    {
        var config = s_parser.Parse(Body("""{"name":"p","command":"x","user":"root","directory":"/hoody/plugins/p"}"""), null).Config!;
        Assert.That(config.HoodyKit, Is.True);
    }

    [Test]
    public void Webhook_events_accept_one_name_or_a_list()
    {
        var one = s_parser.Parse(Body("""{"name":"w","command":"x","user":"root","webhooks":{"urls":["http://h/x"],"events":"FATAL"}}"""), null).Config!;
        Assert.That(one.Webhooks!.Events, Is.EqualTo(new[] { "FATAL" }));
        Assert.That(one.Webhooks.Wants("FATAL") && !one.Webhooks.Wants("RUNNING"), Is.True);
    }
}
