using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>
/// A host whose drops stage in a folder every user can pass through (so a session of another user can read its
/// committed drops), with a small <c>max_slice</c> so that the size limits are quick to reach.
/// </summary>
public abstract class DropFixture
{
    public const int MaxSlice = 64 * 1024;

    private protected static readonly string Home = Directory.CreateTempSubdirectory("hk-drop-home-").FullName;

    private protected KitHost Host { get; private set; } = null!;

    private protected DropApi Drops { get; private set; } = null!;

    private protected string StagingDir { get; private set; } = null!;

    private string _stagingParent = null!;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        _stagingParent = Directory.CreateTempSubdirectory("hk-drops-").FullName;
        File.SetUnixFileMode(_stagingParent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        StagingDir = Path.Combine(_stagingParent, "drops");
        Host = await KitHost.StartAsync(new KitHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Terminal:Drops:Directory"] = StagingDir,
                ["Terminal:Drops:MaxSliceBytes"] = MaxSlice.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        }, CancellationToken.None);
        Drops = new DropApi(Host.Client);
    }

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_stagingParent, recursive: true);
    }

    private protected async Task CreateSessionAsync(int id, CancellationToken ct, string extra = "")
    {
        using var content = new StringContent($$$"""{"terminal_id":{{{id}}},"env":{"HOME":"{{{Home}}}"}{{{extra}}}}""",
            System.Text.Encoding.UTF8, "application/json");
        using var response = await Host.Client.PostAsync("/api/v1/terminal/create", content, ct);
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await response.Content.ReadAsStringAsync(ct));
    }
}
