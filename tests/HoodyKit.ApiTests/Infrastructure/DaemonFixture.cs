namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>A real host for a whole test class, and the daemon API over it.</summary>
public abstract class DaemonFixture
{
    private protected KitHost Host { get; private set; } = null!;

    private protected DaemonApi Api { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        Host = await KitHost.StartAsync(new KitHostOptions(), CancellationToken.None);
        Api = new DaemonApi(Host.Client);
    }

    [OneTimeTearDown]
    public async Task StopHostAsync() => await Host.DisposeAsync();
}
