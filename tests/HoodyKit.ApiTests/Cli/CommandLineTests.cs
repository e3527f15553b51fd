using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Cli;

/// <summary>The executable's command line: version, check, and settings refused at start with one clear line.</summary>
public sealed class CommandLineTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("hk-cli-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test, CancelAfter(20_000)]
    public async Task Version_prints_the_version(CancellationToken ct)
    {
        var (code, output) = await KitProcess.RunAsync(ct, "--version");
        Assert.That(code, Is.Zero);
        Assert.That(output.Trim(), Does.Match(@"^\d+\.\d+\.\d+$"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Check_reports_settings_and_each_module_tools(CancellationToken ct)
    {
        var (code, output) = await KitProcess.RunAsync(ct, "check", "--data-dir", _dir, "--log-dir", _dir);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("listen:   127.0.0.1:7700"));
        Assert.That(output, Does.Contain($"data dir: {_dir} (writable)"));
        Assert.That(output, Does.Match(@"module daemon \(on\): /api/v1/daemon"));
        Assert.That(output, Does.Match(@"setsid\s+/usr/bin/setsid"));
        Assert.That(output, Does.EndWith("configuration OK\n"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Non_loopback_listen_without_token_refuses_to_start(CancellationToken ct)
    {
        var (code, output) = await KitProcess.RunAsync(ct, "--listen", "0.0.0.0:7700", "--data-dir", _dir);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(output, Does.Contain("0.0.0.0:7700").And.Contain("--insecure-no-auth"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Malformed_config_file_stops_with_one_line(CancellationToken ct)
    {
        var config = Path.Combine(_dir, "hoodykit.json");
        await File.WriteAllTextAsync(config, "{ \"Listen\": ", ct);
        var (code, output) = await KitProcess.RunAsync(ct, "check", "--config", config);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(output, Does.Contain("hoodykit.json"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Wrongly_typed_setting_stops_with_one_line_naming_it(CancellationToken ct)
    {
        var config = Path.Combine(_dir, "hoodykit.json");
        await File.WriteAllTextAsync(config, """{"InsecureNoAuth":"maybe"}""", ct);
        var (code, output) = await KitProcess.RunAsync(ct, "check", "--config", config);
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("InsecureNoAuth"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Unknown_module_is_refused(CancellationToken ct)
    {
        var (code, output) = await KitProcess.RunAsync(ct, "check", "--modules", "daemon,bogus");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("Modules: unknown module 'bogus'"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Unknown_flag_is_a_usage_error(CancellationToken ct)
    {
        var (code, output) = await KitProcess.RunAsync(ct, "--no-such-flag");
        Assert.That(code, Is.Not.Zero);
        Assert.That(output, Does.Contain("--no-such-flag"));
    }
}
