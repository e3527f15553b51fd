using System.Net;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Daemon;

/// <summary>Every validation case answers the documented body and status, and never writes programs.json.</summary>
public sealed class ProgramValidationTests : DaemonFixture
{
    [TestCase("""{"command":"true","user":"root"}""", "Field 'name' is required and must be a non-empty string")]
    [TestCase("""{"name":"a","user":"root"}""", "Field 'command' is required and must be a non-empty string")]
    [TestCase("""{"name":"a","command":"  ","user":"root"}""", "Field 'command' is required and must be a non-empty string")]
    [TestCase("""{"name":"a","command":"true"}""", "Field 'user' is required and must be a non-empty string")]
    [TestCase("""{"name":"a","command":"true","user":"invalid-user"}""", "User \"invalid-user\" does not exist on the system")]
    [TestCase("""{"name":"it's","command":"true","user":"root"}""", "Name must not contain quote characters")]
    [TestCase("""{"name":"a","command":"true","user":"root","autorestart":"maybe"}""", "Field 'autorestart' must be one of: true, false, unexpected")]
    [TestCase("""{"name":"a","command":"true","user":"root","delay_seconds":3601}""", "Field 'delay_seconds' must be between 0 and 3600")]
    [TestCase("""{"name":"a","command":"true","user":"root","priority":0}""", "Field 'priority' must be between 1 and 999")]
    [TestCase("""{"name":"a","command":"true","user":"root","log_backups":101}""", "Field 'log_backups' must be between 0 and 100")]
    [TestCase("""{"name":"a","command":"true","user":"root","terminal_id":0}""", "Field 'terminal_id' must be between 1 and 65535")]
    [TestCase("""{"name":"a","command":"true","user":"root","boot":true,"lazy_load":true}""", "lazy_load cannot be combined with boot: true")]
    [TestCase("""{"name":"a","command":"true","user":"root","port_range":{"start":9000,"end":8000}}""", "port_range.start must be <= port_range.end")]
    [TestCase("""{"name":"a","command":"true","user":"root","port_range":{"start":0,"end":8000}}""", "Field 'port_range.start' must be between 1 and 65535")]
    [TestCase("""{"name":"a","command":"true","user":"root","directory":"relative/dir"}""", "Field 'directory' must be an absolute path (starting with /)")]
    [TestCase("""{"name":"a","command":"true","user":"root","enabled":"yes"}""", "Field 'enabled' must be a boolean")]
    [TestCase("""{"name":"a","command":"true","user":"root","environment":["A=1"]}""", "Field 'environment' must be an object")]
    [TestCase("""{"name":"a","command":"true","user":"root","webhooks":{"urls":["ftp://x"]}}""", "Field 'webhooks.urls' must be a list of http(s) URLs")]
    [TestCase("""{"name":"a","command":"true","user":"root","webhooks":{"urls":[],"timeout":61}}""", "Field 'webhooks.timeout' must be between 1 and 60")]
    [TestCase("""{"name":"a","command":"true","user":"root","terminal_shell":"csh"}""", "Field 'terminal_shell' must be one of: bash, zsh, fish, sh, tmux")]
    [CancelAfter(10_000)]
    public async Task Invalid_add_answers_400_with_the_reference_wording(string body, string error, CancellationToken ct)
    {
        var before = File.Exists(ProgramsFile) ? await File.ReadAllTextAsync(ProgramsFile, ct) : null;
        using var response = await Api.PostAsync("/programs/add", body, ct);
        var json = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.BadRequest, ct);
        Assert.That((bool?)json["success"], Is.False);
        Assert.That((string?)json["error"], Is.EqualTo(error));
        Assert.That(File.Exists(ProgramsFile) ? await File.ReadAllTextAsync(ProgramsFile, ct) : null, Is.EqualTo(before));
    }

    [Test, CancelAfter(10_000)]
    public async Task Malformed_body_is_invalid_json(CancellationToken ct)
    {
        using var response = await Api.PostAsync("/programs/add", """{"name": """, ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest, """{"success":false,"error":"Invalid JSON body"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Duplicate_name_and_id_are_409(CancellationToken ct)
    {
        await Api.PostOkAsync("/programs/add", """{"id":40,"name":"dup","command":"true","user":"root"}""", ct);
        using (var byName = await Api.PostAsync("/programs/add", """{"name":"dup","command":"true","user":"root"}""", ct))
            await HttpAssert.JsonAsync(byName, HttpStatusCode.Conflict, """{"success":false,"error":"Program with name 'dup' already exists"}""", ct);
        using var byId = await Api.PostAsync("/programs/add", """{"id":40,"name":"dup2","command":"true","user":"root"}""", ct);
        await HttpAssert.JsonAsync(byId, HttpStatusCode.Conflict, """{"success":false,"error":"Program with ID 40 already exists"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Defaults_fill_the_stored_program(CancellationToken ct)
    {
        var body = await Api.PostOkAsync("/programs/add", """{"name":"defaults","command":"true","user":"root","autorestart":true,"environment":{"N":5,"B":false}}""", ct);
        var program = body["program"]!;
        Assert.That((bool?)program["enabled"], Is.True);
        Assert.That((bool?)program["boot"], Is.False);
        Assert.That((string?)program["autorestart"], Is.EqualTo("true"));
        Assert.That((int?)program["priority"], Is.EqualTo(999));
        Assert.That((string?)program["directory"], Is.EqualTo("/root"));
        Assert.That((string?)program["environment"]!["N"], Is.EqualTo("5"));
        Assert.That((string?)program["environment"]!["B"], Is.EqualTo("false"));
        Assert.That((string?)program["stdout_logfile"], Does.EndWith("/defaults.out.log"));
        Assert.That((long?)program["log_max_bytes"], Is.EqualTo(5_242_880));
        Assert.That((bool?)program["hoody_kit"], Is.False);
    }

    [TestCase("/programs/999/start", "Program with ID 999 not found")]
    [TestCase("/programs/999/stop", "Program with ID 999 not found")]
    [TestCase("/programs/edit/999", "Program with ID 999 not found")]
    [TestCase("/programs/remove/999", "Program with ID 999 not found")]
    [CancelAfter(10_000)]
    public async Task Unknown_ids_are_404(string path, string error, CancellationToken ct)
    {
        using var response = await Api.PostAsync(path, "{}", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.NotFound, $$"""{"success":false,"error":"{{error}}"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Stop_with_port_and_all_is_refused(CancellationToken ct)
    {
        var id = (int)(await Api.PostOkAsync("/programs/add", """{"name":"stopper","command":"true","user":"root"}""", ct))["id"]!;
        using var response = await Api.PostAsync($"/programs/{id}/stop", """{"port":8000,"all":true}""", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest, """{"success":false,"error":"Specify either 'port' or 'all: true', not both"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Logs_reject_an_unknown_type(CancellationToken ct)
    {
        var id = (int)(await Api.PostOkAsync("/programs/add", """{"name":"logtype","command":"true","user":"root"}""", ct))["id"]!;
        using var response = await Host.Client.GetAsync($"/api/v1/daemon/programs/{id}/logs?type=both", ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest, """{"success":false,"error":"Invalid type parameter: must be 'stdout' or 'stderr'"}""", ct);
    }

    private string ProgramsFile => Path.Combine(Host.DataDir, "daemon", "programs.json");
}
