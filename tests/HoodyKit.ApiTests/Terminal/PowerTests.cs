using System.Net;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>reboot/shutdown run the configured command (a stub here) with shutdown(8)'s arguments; the state beacon.</summary>
public sealed class PowerTests
{
    private string _dir = "";
    private KitHost _host = null!;

    private string Calls => Path.Combine(_dir, "calls.txt");

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _dir = Directory.CreateTempSubdirectory("hk-power-").FullName;
        var stub = Path.Combine(_dir, "fake-shutdown");
        await File.WriteAllTextAsync(stub, $"#!/bin/sh\necho \"$@\" >> {Calls}\n");
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _host = await KitHost.StartAsync(new KitHostOptions
        {
            Settings = new Dictionary<string, string?> { ["Terminal:PowerCommand"] = stub },
        }, CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Test, CancelAfter(10_000)]
    public async Task Reboot_rounds_the_delay_up_to_whole_minutes_and_shutdown_can_be_immediate(CancellationToken ct)
    {
        if (Environment.UserName != "root") Assert.Ignore("reboot and shutdown need root");
        using (var reboot = await _host.Client.PostAsync("/api/v1/system/reboot?delay=61", null, ct))
        {
            var body = await HttpAssert.ReadJsonAsync(reboot, HttpStatusCode.OK, ct);
            Assert.That((int?)body["effective_minutes"], Is.EqualTo(2));
            Assert.That((bool?)body["success"], Is.True);
        }

        using (var shutdown = await _host.Client.PostAsync("/api/v1/system/shutdown", null, ct))
            Assert.That((int?)(await HttpAssert.ReadJsonAsync(shutdown, HttpStatusCode.OK, ct))["effective_minutes"], Is.Zero);
        Assert.That(await File.ReadAllLinesAsync(Calls, ct), Is.EqualTo(new[] { "-r +2", "-h now" }));
    }

    [Test, CancelAfter(10_000)]
    public async Task Delay_out_of_range_is_refused(CancellationToken ct)
    {
        using var response = await _host.Client.PostAsync("/api/v1/system/reboot?delay=86401", null, ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest,
            """{"statusCode":400,"error":"Bad Request","message":"Delay out of range (> 86400)","code":"INVALID_DELAY"}""", ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task State_beacon_is_acknowledged(CancellationToken ct)
    {
        using var content = new StringContent("""{"build_id":"x","renderer":"webgl","reason":"load"}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await _host.Client.PostAsync("/api/v1/terminal/state", content, ct);
        await HttpAssert.JsonAsync(response, HttpStatusCode.OK, """{"status":"ok"}""", ct);
    }
}
