using System.Net;
using HoodyKit.ApiTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>Abandoned and old drops go away on the host's clock (a fake one here, moved by the test).</summary>
public sealed class DropExpiryTests
{
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-drop-exp-home-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private KitHost _host = null!;
    private DropApi _drops = null!;
    private string _staging = null!;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        _staging = Directory.CreateTempSubdirectory("hk-drops-exp-").FullName;
        _host = await KitHost.StartAsync(new KitHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["Terminal:Drops:Directory"] = Path.Combine(_staging, "drops"),
                ["Terminal:Drops:IdleTimeout"] = "00:15:00",
                ["Terminal:Drops:Retention"] = "01:00:00",
            },
            ConfigureServices = services => services.AddSingleton<TimeProvider>(_time),
        }, CancellationToken.None);
        _drops = new DropApi(_host.Client);
        using var content = new StringContent($$$"""{"terminal_id":21,"env":{"HOME":"{{{s_home}}}"}}""", System.Text.Encoding.UTF8, "application/json");
        using var created = await _host.Client.PostAsync("/api/v1/terminal/create", content);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_staging, recursive: true);
    }

    [Test, CancelAfter(20_000)]
    public async Task A_drop_left_idle_past_the_timeout_is_gone_but_uploads_keep_it_alive(CancellationToken ct)
    {
        var begun = await _drops.BeginAsync(21, ct);
        var root = (string)begun["root"]!;
        _time.Advance(TimeSpan.FromMinutes(14));
        await _drops.UploadOkAsync(begun, "a", 0, [1], ct);
        _time.Advance(TimeSpan.FromMinutes(14));
        await _drops.UploadOkAsync(begun, "a", 1, [2], ct);

        _time.Advance(TimeSpan.FromMinutes(15));
        using var expired = await _drops.UploadAsync(begun, "a", 2, [3], ct);
        Assert.That(await DropApi.ErrorCodeAsync(expired, HttpStatusCode.Conflict, ct), Is.EqualTo("DROP_NOT_FOUND"));
        while (Directory.Exists(root)) await Task.Delay(10, ct); // removed by that upload, or by the sweeper the advance woke
        Assert.That(Directory.Exists(root), Is.False, "its folder went with it");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_committed_drop_is_swept_after_its_retention(CancellationToken ct)
    {
        using var response = await _drops.OneShotAsync(21, """{"ctx":"drop","items":[{"name":"kept.txt","b64":"a2VwdA=="}]}""", ct);
        var root = (string)(await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct))["root"]!;
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.That(Directory.Exists(root), Is.True, "kept for the program that got the frame");

        _time.Advance(TimeSpan.FromMinutes(2));
        while (Directory.Exists(root)) await Task.Delay(10, ct); // the sweeper runs on the timer the advance fired; CancelAfter bounds the wait
        Assert.That(Directory.Exists(root), Is.False);
    }
}
