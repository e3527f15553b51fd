using HoodyKit.Daemon.Hosting;

namespace HoodyKit.UnitTests.Daemon;

public sealed class HostSettingsResolverTests
{
    private static readonly string[] s_modules = ["daemon", "terminal", "cron"];

    private static HostSettings? Resolve(KitOptions options, out string? problem) =>
        HostSettingsResolver.Resolve(options, s_modules, out problem);

    [Test]
    public void Defaults_listen_on_loopback_7700_with_every_module()
    {
        var settings = Resolve(new KitOptions { DataDir = "/tmp/hk-d" }, out var problem);
        Assert.That(problem, Is.Null);
        Assert.That(settings!.Listen.Select(l => l.ToString()), Is.EqualTo(new[] { "127.0.0.1:7700" }));
        Assert.That(settings.Kit.EnabledModules, Is.Null);
        Assert.That(settings.Kit.DataDir, Is.EqualTo("/tmp/hk-d"));
    }

    [Test]
    public void Non_loopback_listen_without_token_is_refused()
    {
        Assert.That(Resolve(new KitOptions { Listen = "0.0.0.0:7700" }, out var problem), Is.Null);
        Assert.That(problem, Does.Contain("0.0.0.0:7700").And.Contain("--insecure-no-auth"));
    }

    [Test]
    public void Non_loopback_listen_is_allowed_with_a_token_or_the_insecure_flag()
    {
        Assert.That(Resolve(new KitOptions { Listen = "0.0.0.0:7700", Token = "s3cret" }, out _)!.Kit.Token, Is.EqualTo("s3cret"));
        Assert.That(Resolve(new KitOptions { Listen = "0.0.0.0:7700", InsecureNoAuth = true }, out _), Is.Not.Null);
    }

    [Test]
    public void Several_comma_separated_addresses_are_all_served() =>
        Assert.That(Resolve(new KitOptions { Listen = "127.0.0.1:1, unix:/tmp/hk.sock" }, out _)!.Listen, Has.Count.EqualTo(2));

    [Test]
    public void Token_file_is_read_and_trimmed()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "abc\n");
            Assert.That(Resolve(new KitOptions { TokenFile = file }, out _)!.Kit.Token, Is.EqualTo("abc"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [TestCase("Token and TokenFile", "t", "/etc/hostname")]
    [TestCase("does not exist", null, "/nonexistent/token")]
    [TestCase("empty", "", null)]
    public void Bad_token_settings_name_the_problem(string expected, string? token, string? tokenFile)
    {
        Assert.That(Resolve(new KitOptions { Token = token, TokenFile = tokenFile }, out var problem), Is.Null);
        Assert.That(problem, Does.Contain(expected));
    }

    [Test]
    public void Module_list_always_keeps_the_daemon_and_rejects_unknown_names()
    {
        Assert.That(Resolve(new KitOptions { Modules = "terminal" }, out _)!.Kit.EnabledModules, Is.EquivalentTo(new[] { "terminal", "daemon" }));
        Assert.That(Resolve(new KitOptions { Modules = "terminal,bogus" }, out var problem), Is.Null);
        Assert.That(problem, Does.StartWith("Modules: unknown module 'bogus'"));
    }

    [Test]
    public void Bad_listen_address_names_the_setting()
    {
        Assert.That(Resolve(new KitOptions { Listen = "nonsense" }, out var problem), Is.Null);
        Assert.That(problem, Does.StartWith("Listen: "));
    }
}
