using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HoodyKit.ApiTests.Sqlite;

/// <summary>History, per-key rollback and snapshots, table snapshot/diff/rollback at past timestamps, TTL — on a fake clock.</summary>
public sealed class KvTimeTravelTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private SqliteHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await SqliteHost.StartAsync(CancellationToken.None, services: s => s.AddSingleton<TimeProvider>(_time));
        await _host.CreateDbAsync("travel", CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    [Test, CancelAfter(10_000)]
    public async Task Rollback_restores_the_value_and_history_shows_every_operation(CancellationToken ct)
    {
        await Put("/kv/doc?db=travel", """{"v":1}""", ct);
        _time.Advance(TimeSpan.FromSeconds(5));
        await Put("/kv/doc?db=travel", """{"v":2}""", ct);
        var rollback = await _host.PostJsonAsync("/kv/doc/rollback?db=travel", "", HttpStatusCode.OK, ct);
        Assert.That(rollback["value"]!.GetValue<string>(), Is.EqualTo("""{"v":1}"""), "values as raw text, as the reference shows");
        rollback.AsObject().Remove("value");
        Assert.That(rollback.ToJsonString(), Is.EqualTo("""{"key":"doc","db":"travel","steps_undone":1,"current_op_number":3,"status":"ok"}"""));
        Assert.That(await _host.GetTextAsync("/kv/doc?db=travel", ct), Is.EqualTo("""{"v":1}"""));
        var history = await _host.GetJsonAsync("/kv/doc/history?db=travel", HttpStatusCode.OK, ct);
        Assert.That(history["total"]!.GetValue<long>(), Is.EqualTo(3));
        var ops = history["operations"]!.AsArray();
        Assert.That(ops.Select(o => o!["op_type"]!.GetValue<string>()), Is.EqualTo(new[] { "set", "set", "rollback" }));
        Assert.That(ops.Select(o => o!["value"]!.GetValue<string>()), Is.EqualTo(new[] { """{"v":1}""", """{"v":2}""", """{"v":1}""" }));
        var deeper = await _host.PostJsonAsync("/kv/doc/rollback?db=travel", "", HttpStatusCode.OK, ct);
        Assert.That(deeper["value"], Is.Null, "a second undo walks back to before the first set");
        await _host.GetJsonAsync("/kv/doc?db=travel", HttpStatusCode.NotFound, ct);
        await _host.PostJsonAsync("/kv/doc/rollback?db=travel", "", HttpStatusCode.NotFound, ct);
        await Put("/kv/doc?db=travel", """{"v":3}""", ct);
        var snapshot = await _host.GetJsonAsync("/kv/doc/snapshot?db=travel&op_number=2", HttpStatusCode.OK, ct);
        Assert.That(snapshot["value"]!.GetValue<string>(), Is.EqualTo("""{"v":2}"""));
        Assert.That(snapshot["existed"]!.GetValue<bool>(), Is.True);
        var deletedAt = await _host.GetJsonAsync("/kv/doc/snapshot?db=travel&op_number=4", HttpStatusCode.OK, ct);
        Assert.That(deletedAt["existed"]!.GetValue<bool>(), Is.False);
        await _host.GetJsonAsync("/kv/doc/snapshot?db=travel&op_number=99", HttpStatusCode.NotFound, ct);
        await _host.GetJsonAsync("/kv/doc/snapshot?db=travel", HttpStatusCode.BadRequest, ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task A_snapshot_at_a_past_timestamp_returns_the_past_table(CancellationToken ct)
    {
        await Put("/kv/a?db=travel&table=snap", "a1", ct);
        await Put("/kv/b?db=travel&table=snap", "b1", ct);
        _time.Advance(TimeSpan.FromSeconds(10));
        var past = Now;
        _time.Advance(TimeSpan.FromSeconds(10));
        await Put("/kv/a?db=travel&table=snap", "a2", ct);
        using (var delete = await _host.DeleteAsync("/kv/b?db=travel&table=snap", ct)) Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Put("/kv/c?db=travel&table=snap", "c2", ct);
        var present = Now;

        var then = await _host.GetJsonAsync($"/kv/snapshot?db=travel&table=snap&timestamp={past}", HttpStatusCode.OK, ct);
        Assert.That(then["keys"]!.ToJsonString(), Is.EqualTo("""[{"key":"a","value":"a1","ttl":null},{"key":"b","value":"b1","ttl":null}]"""));
        Assert.That(then["total"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(then["has_gaps"]!.GetValue<bool>(), Is.False);
        Assert.That(await _host.GetTextAsync($"/kv/a?db=travel&table=snap&at_timestamp={past}", ct), Is.EqualTo("a1"));
        await _host.GetJsonAsync($"/kv/c?db=travel&table=snap&at_timestamp={past}", HttpStatusCode.NotFound, ct);
        var listed = await _host.GetJsonAsync($"/kv?db=travel&table=snap&at_timestamp={past}", HttpStatusCode.OK, ct);
        Assert.That(listed["keys"]!.ToJsonString(), Is.EqualTo("""["a","b"]"""));

        var diff = await _host.GetJsonAsync($"/kv/diff?db=travel&table=snap&from={past}&to={present}", HttpStatusCode.OK, ct);
        Assert.That(diff["created"]!.ToJsonString(), Is.EqualTo("""[{"key":"c","value":"c2"}]"""));
        Assert.That(diff["modified"]!.ToJsonString(), Is.EqualTo("""[{"key":"a","from":"a1","to":"a2"}]"""));
        Assert.That(diff["deleted"]!.ToJsonString(), Is.EqualTo("""[{"key":"b"}]"""));
        await _host.GetJsonAsync($"/kv/diff?db=travel&table=snap&from={present}&to={past}", HttpStatusCode.BadRequest, ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Table_rollback_needs_confirmation_can_dry_run_and_appends_history(CancellationToken ct)
    {
        await Put("/kv/x?db=travel&table=roll", "1", ct);
        await Put("/kv/y?db=travel&table=roll", "1", ct);
        _time.Advance(TimeSpan.FromSeconds(10));
        var past = Now;
        _time.Advance(TimeSpan.FromSeconds(10));
        await Put("/kv/x?db=travel&table=roll", "2", ct);
        await Put("/kv/z?db=travel&table=roll", "2", ct);

        await _host.PostJsonAsync($"/kv/rollback?db=travel&table=roll&to_timestamp={past}", "", HttpStatusCode.BadRequest, ct);
        var dry = await _host.PostJsonAsync($"/kv/rollback?db=travel&table=roll&to_timestamp={past}&dry_run=true", "", HttpStatusCode.OK, ct);
        Assert.That(dry["keys_restored"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(dry["keys_deleted"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(dry["confirmed"]!.GetValue<bool>(), Is.False);
        Assert.That(await _host.GetTextAsync("/kv/x?db=travel&table=roll", ct), Is.EqualTo("2"), "a dry run writes nothing");

        var done = await _host.PostJsonAsync($"/kv/rollback?db=travel&table=roll&to_timestamp={past}&confirm=yes", "", HttpStatusCode.OK, ct);
        Assert.That(done["keys_restored"]!.GetValue<int>() + done["keys_deleted"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(await _host.GetTextAsync("/kv/x?db=travel&table=roll", ct), Is.EqualTo("1"));
        await _host.GetJsonAsync("/kv/z?db=travel&table=roll", HttpStatusCode.NotFound, ct);
        var history = await _host.GetJsonAsync("/kv/x/history?db=travel&table=roll", HttpStatusCode.OK, ct);
        Assert.That(history["operations"]!.AsArray().Select(o => o!["op_type"]!.GetValue<string>()), Is.EqualTo(new[] { "set", "set", "rollback" }));
        var undo = await _host.PostJsonAsync("/kv/x/rollback?db=travel&table=roll", "", HttpStatusCode.OK, ct);
        Assert.That(undo["value"]!.GetValue<string>(), Is.EqualTo("2"), "a key rollback undoes the table rollback");
    }

    [Test, CancelAfter(10_000)]
    public async Task Writes_without_history_leave_gaps_that_time_travel_reports(CancellationToken ct)
    {
        await Put("/kv/g?db=travel&table=gaps", "1", ct);
        await Put("/kv/g?db=travel&table=gaps&history=false", "2", ct);
        await Put("/kv/h?db=travel&table=gaps", "1", ct);
        var now = Now;
        var error = await _host.GetJsonAsync($"/kv/g?db=travel&table=gaps&at_timestamp={now}", HttpStatusCode.Conflict, ct);
        Assert.That(error["statusCode"]!.GetValue<int>(), Is.EqualTo(409));
        var snapshot = await _host.GetJsonAsync($"/kv/snapshot?db=travel&table=gaps&timestamp={now}", HttpStatusCode.OK, ct);
        Assert.That(snapshot["has_gaps"]!.GetValue<bool>(), Is.True);
        Assert.That(snapshot["gap_keys"]!.ToJsonString(), Is.EqualTo("""["g"]"""));
        Assert.That(snapshot["keys"]!.AsArray().Select(k => k!["key"]!.GetValue<string>()), Is.EqualTo(new[] { "h" }));
        await _host.PostJsonAsync($"/kv/rollback?db=travel&table=gaps&to_timestamp={now}&confirm=yes", "", HttpStatusCode.Conflict, ct);
        await Put("/kv/g?db=travel&table=gaps&history=false", "3", ct);
        await _host.PostJsonAsync("/kv/g/rollback?db=travel&table=gaps", "", HttpStatusCode.Conflict, ct);
        Assert.That(await _host.GetTextAsync("/kv/g?db=travel&table=gaps", ct), Is.EqualTo("3"), "nothing written by a refused rollback");
        var undo = await _host.PostJsonAsync("/kv/g/rollback?db=travel&table=gaps&steps=2", "", HttpStatusCode.OK, ct);
        Assert.That(undo["value"]!.GetValue<string>(), Is.EqualTo("1"), "two steps walk past the gaps to the last logged value");
    }

    [Test, CancelAfter(10_000)]
    public async Task A_ttl_hides_the_key_once_it_passes(CancellationToken ct)
    {
        await Put("/kv/session?db=travel&ttl=30", "token", ct);
        using (var live = await _host.GetAsync("/kv/session?db=travel", ct))
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(live.Headers.GetValues("X-Expire-At").Single(), Is.EqualTo((Now + 30).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        _time.Advance(TimeSpan.FromSeconds(31));
        await _host.GetJsonAsync("/kv/session?db=travel", HttpStatusCode.NotFound, ct);
        var list = await _host.GetJsonAsync("/kv?db=travel&prefix=session", HttpStatusCode.OK, ct);
        Assert.That(list["keys"]!.AsArray(), Is.Empty);
        var batch = await _host.PostJsonAsync("/kv/batch/get?db=travel", """{"keys":["session"]}""", HttpStatusCode.OK, ct);
        Assert.That(batch["values"]!["session"], Is.Null);
    }

    private async Task Put(string path, string body, CancellationToken ct)
    {
        using var response = await _host.PutAsync(path, body, ct);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(ct));
        _time.Advance(TimeSpan.FromMilliseconds(10));
    }
}
