using HoodyKit.Core.Errors;
using HoodyKit.Core.Hosting;
using HoodyKit.Core.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.UnitTests.Core;

public sealed class KitModuleRegistryTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private KitModuleRegistry Create(IReadOnlySet<string>? enabled = null) =>
        new([new Stub("daemon"), new Stub("cron")], new KitSettings("/d", "/l", null, enabled), _time);

    [Test]
    public void All_modules_run_by_default()
    {
        var registry = Create();
        Assert.That(registry.IsRunning("daemon") && registry.IsRunning("cron"), Is.True);
        Assert.That(registry.StartedAt("cron"), Is.EqualTo(_time.GetUtcNow()));
    }

    [Test]
    public void Modules_left_out_of_the_list_start_stopped_but_enabled()
    {
        var registry = Create(new HashSet<string> { "daemon" });
        Assert.That(registry.IsRunning("cron"), Is.False);
        Assert.That(registry.IsEnabled("cron"), Is.True);
        Assert.That(registry.Start("cron"), Is.True);
        Assert.That(registry.IsRunning("cron"), Is.True);
    }

    [Test]
    public void Stop_then_start_restamps_the_start_time()
    {
        var registry = Create();
        Assert.That(registry.Stop("cron"), Is.True);
        Assert.That(registry.Stop("cron"), Is.False);
        Assert.That(registry.StartedAt("cron"), Is.Null);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(registry.Start("cron"), Is.True);
        Assert.That(registry.StartedAt("cron"), Is.EqualTo(_time.GetUtcNow()));
    }

    [Test]
    public void A_disabled_module_refuses_to_start_until_enabled()
    {
        var registry = Create();
        Assert.That(registry.Disable("cron"), Is.True);
        Assert.That(registry.IsRunning("cron"), Is.False);
        Assert.That(registry.Start("cron"), Is.False);
        Assert.That(registry.Enable("cron"), Is.True);
        Assert.That(registry.IsRunning("cron"), Is.True);
    }

    [TestCase("/api/v1/cron/users/root/entries", "cron")]
    [TestCase("/api/v1/cron", "cron")]
    [TestCase("/api/v1/daemon/health", "daemon")]
    [TestCase("/api/v1/cronx/health", null)]
    [TestCase("/crontab", null)]
    [TestCase("/api/v1", null)]
    public void Path_prefix_names_the_owning_module(string path, string? module) =>
        Assert.That(Create().FindByPath(path)?.Name, Is.EqualTo(module));

    [Test]
    public void Switching_an_unknown_module_is_a_programming_error() =>
        Assert.Throws<ArgumentException>(() => Create().Start("nope"));

    private sealed class Stub(string name) : IKitModule
    {
        public string Name => name;
        public string ServiceName => "hoody-" + name;
        public string Description => name;
        public ErrorShape ErrorShape => ErrorShape.SuccessError;
        public void Add(IServiceCollection services, IConfiguration configuration) { }
        public void Map(RouteGroupBuilder group) { }
    }
}
