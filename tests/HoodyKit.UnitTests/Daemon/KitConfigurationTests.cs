using HoodyKit.Daemon.Hosting;

namespace HoodyKit.UnitTests.Daemon;

public sealed class KitConfigurationTests
{
    private string _file = "";

    [SetUp]
    public void SetUp()
    {
        _file = Path.Combine(Path.GetTempPath(), $"hk-config-{Guid.NewGuid():n}.json");
        File.WriteAllText(_file, """{"Listen":"127.0.0.1:7001","Modules":"daemon","Log":{"Level":"Warning"},"DataDir":"/from/file"}""");
    }

    [TearDown]
    public void TearDown()
    {
        File.Delete(_file);
        Environment.SetEnvironmentVariable("HOODYKIT__DataDir", null);
    }

    [Test]
    public void File_values_are_read_and_typed()
    {
        var options = KitConfiguration.BindKitOptions(KitConfiguration.Build(_file, new Dictionary<string, string?>(), includeEnvironment: false));
        Assert.That(options.Listen, Is.EqualTo("127.0.0.1:7001"));
        Assert.That(options.Log.Level, Is.EqualTo(Serilog.Events.LogEventLevel.Warning));
    }

    [Test]
    public void Environment_beats_the_file_and_flags_beat_both()
    {
        Environment.SetEnvironmentVariable("HOODYKIT__DataDir", "/from/env");
        var fromEnv = KitConfiguration.BindKitOptions(KitConfiguration.Build(_file, new Dictionary<string, string?>()));
        var fromFlag = KitConfiguration.BindKitOptions(KitConfiguration.Build(_file, new Dictionary<string, string?> { ["DataDir"] = "/from/flag" }));
        Assert.That(fromEnv.DataDir, Is.EqualTo("/from/env"));
        Assert.That(fromFlag.DataDir, Is.EqualTo("/from/flag"));
    }

    [Test]
    public void Missing_default_file_is_fine_but_a_named_one_is_not()
    {
        Assert.That(KitConfiguration.BindKitOptions(KitConfiguration.Build(null, new Dictionary<string, string?>(), false)).Listen,
            Is.EqualTo("127.0.0.1:7700"));
        Assert.Throws<FileNotFoundException>(() => KitConfiguration.Build("/nonexistent/hk.json", new Dictionary<string, string?>()));
    }

    [Test]
    public void Wrongly_typed_value_fails_binding()
    {
        File.WriteAllText(_file, """{"InsecureNoAuth":"maybe"}""");
        Assert.Throws<InvalidOperationException>(() =>
            KitConfiguration.BindKitOptions(KitConfiguration.Build(_file, new Dictionary<string, string?>(), false)));
    }
}
