using System.Net;

namespace HoodyKit.ApiTests.Sqlite;

/// <summary>incr/decr exact under concurrency, and the array operations.</summary>
public sealed class KvAtomicTests
{
    private SqliteHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await SqliteHost.StartAsync(CancellationToken.None);
        await _host.CreateDbAsync("atomic", CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(30_000)]
    public async Task A_hundred_concurrent_increments_end_at_exactly_a_hundred(CancellationToken ct)
    {
        var calls = Enumerable.Range(0, 100).Select(async _ =>
        {
            using var response = await _host.PostAsync("/kv/counter/incr?db=atomic", "", ct);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync(ct));
        });
        await Task.WhenAll(calls);
        Assert.That(await _host.GetTextAsync("/kv/counter?db=atomic", ct), Is.EqualTo("100"));
        var history = await _host.GetJsonAsync("/kv/counter/history?db=atomic&limit=1000", HttpStatusCode.OK, ct);
        Assert.That(history["total"]!.GetValue<long>(), Is.EqualTo(100), "every increment logged in its own transaction");
    }

    [Test, CancelAfter(10_000)]
    public async Task Incr_and_decr_take_deltas_paths_and_refuse_non_numbers_and_overflow(CancellationToken ct)
    {
        var first = await _host.PostJsonAsync("/kv/n/incr?db=atomic&delta=5", "", HttpStatusCode.OK, ct);
        Assert.That(first.ToJsonString(), Is.EqualTo("""{"key":"n","value":5,"previous":0}"""));
        var down = await _host.PostJsonAsync("/kv/n/decr?db=atomic&delta=7", "", HttpStatusCode.OK, ct);
        Assert.That(down.ToJsonString(), Is.EqualTo("""{"key":"n","value":-2,"previous":5}"""));
        var nested = await _host.PostJsonAsync("/kv/stats/incr?db=atomic&path=$.views.home&delta=3", "", HttpStatusCode.OK, ct);
        Assert.That(nested["value"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(await _host.GetTextAsync("/kv/stats?db=atomic", ct), Is.EqualTo("""{"views":{"home":3}}"""));
        using (var put = await _host.PutAsync("/kv/word?db=atomic", "hello", ct, "text/plain")) Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await _host.PostJsonAsync("/kv/word/incr?db=atomic", "", HttpStatusCode.BadRequest, ct);
        using (var put = await _host.PutAsync("/kv/big?db=atomic", long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), ct)) Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var overflow = await _host.PostJsonAsync("/kv/big/incr?db=atomic", "", HttpStatusCode.BadRequest, ct);
        Assert.That(overflow["message"]!.GetValue<string>(), Does.Contain("overflow"));
        await _host.PostJsonAsync("/kv/n/incr?db=atomic&delta=1.5", "", HttpStatusCode.BadRequest, ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Push_pop_and_remove_work_on_arrays(CancellationToken ct)
    {
        Assert.That((await _host.PostJsonAsync("/kv/list/push?db=atomic", "\"a\"", HttpStatusCode.OK, ct)).ToJsonString(), Is.EqualTo("""{"success":true,"key":"list","newLength":1}"""));
        await _host.PostJsonAsync("/kv/list/push?db=atomic", """{"id":2}""", HttpStatusCode.OK, ct);
        await _host.PostJsonAsync("/kv/list/push?db=atomic", "[3,4]", HttpStatusCode.OK, ct);
        await _host.PostJsonAsync("/kv/list/push?db=atomic", "\"d\"", HttpStatusCode.OK, ct);
        Assert.That(await _host.GetTextAsync("/kv/list?db=atomic", ct), Is.EqualTo("""["a",{"id":2},[3,4],"d"]"""));
        var removed = await _host.PostJsonAsync("/kv/list/remove?db=atomic", """{ "id": 2 }""", HttpStatusCode.OK, ct);
        Assert.That(removed.ToJsonString(), Is.EqualTo("""{"success":true,"key":"list","removedIndex":1,"newLength":3}"""));
        var byIndex = await _host.PostJsonAsync("/kv/list/remove?db=atomic&index=-1", "", HttpStatusCode.OK, ct);
        Assert.That(byIndex["removedIndex"]!.GetValue<int>(), Is.EqualTo(2));
        var popped = await _host.PostJsonAsync("/kv/list/pop?db=atomic", "", HttpStatusCode.OK, ct);
        Assert.That(popped.ToJsonString(), Is.EqualTo("""{"key":"list","value":[3,4],"newLength":1}"""));
        await _host.PostJsonAsync("/kv/list/pop?db=atomic", "", HttpStatusCode.OK, ct);
        var empty = await _host.PostJsonAsync("/kv/list/pop?db=atomic", "", HttpStatusCode.NotFound, ct);
        Assert.That(empty["message"]!.GetValue<string>(), Is.EqualTo("Array at key 'list' is empty"));
        Assert.That(await _host.GetTextAsync("/kv/list?db=atomic", ct), Is.EqualTo("[]"));
        await _host.PostJsonAsync("/kv/list/remove?db=atomic&index=0", "", HttpStatusCode.NotFound, ct);
        await _host.PostJsonAsync("/kv/nolist/pop?db=atomic", "", HttpStatusCode.NotFound, ct);
        await _host.PostJsonAsync("/kv/n/push?db=atomic", "1", HttpStatusCode.BadRequest, ct);
        await _host.PostJsonAsync("/kv/list/remove?db=atomic", "", HttpStatusCode.BadRequest, ct);
    }
}
