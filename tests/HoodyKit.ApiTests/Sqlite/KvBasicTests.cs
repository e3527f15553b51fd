using System.Net;
using System.Text;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Sqlite;

/// <summary>KV get/set/delete/head/list, keys in paths, CAS, content types and bad input.</summary>
public sealed class KvBasicTests
{
    private SqliteHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await SqliteHost.StartAsync(CancellationToken.None);
        await _host.CreateDbAsync("kv", CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test, CancelAfter(10_000)]
    public async Task Set_get_head_delete_round_trip_bytes_and_type(CancellationToken ct)
    {
        using (var put = await _host.PutAsync("/kv/users/alice?db=kv", """{"user":"alice","score":42}""", ct))
            Assert.That((await HttpAssert.ReadJsonAsync(put, HttpStatusCode.OK, ct)).ToJsonString(), Is.EqualTo("""{"status":"ok","key":"users/alice","created":true}"""));
        using (var again = await _host.PutAsync("/kv/users%2Falice?db=kv", """{"user":"alice","score":43}""", ct))
            Assert.That((await HttpAssert.ReadJsonAsync(again, HttpStatusCode.OK, ct))["created"]!.GetValue<bool>(), Is.False, "%2F and / name the same key");
        using (var get = await _host.GetAsync("/kv/users/alice?db=kv", ct))
        {
            Assert.That(await get.Content.ReadAsStringAsync(ct), Is.EqualTo("""{"user":"alice","score":43}"""));
            Assert.That(get.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
            Assert.That(get.Headers.Contains("X-Created-At"), Is.True);
        }

        using (var path = await _host.GetAsync("/kv/users/alice?db=kv&path=$.score", ct))
            Assert.That(await path.Content.ReadAsStringAsync(ct), Is.EqualTo("43"));
        using (var head = await _host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, SqliteHost.Url("/kv/users/alice?db=kv")), ct))
            Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var bytes = new byte[] { 0, 1, 2, 255, 254 };
        using (var binary = await _host.Client.PutAsync(SqliteHost.Url("/kv/blob?db=kv"), new ByteArrayContent(bytes), ct))
            Assert.That(binary.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var blob = await _host.GetAsync("/kv/blob?db=kv", ct))
        {
            Assert.That(await blob.Content.ReadAsByteArrayAsync(ct), Is.EqualTo(bytes));
            Assert.That(blob.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/octet-stream"));
        }

        using (var delete = await _host.DeleteAsync("/kv/users/alice?db=kv", ct))
            Assert.That((await HttpAssert.ReadJsonAsync(delete, HttpStatusCode.OK, ct))["deleted"]!.GetValue<bool>(), Is.True);
        var missing = await _host.GetJsonAsync("/kv/users/alice?db=kv", HttpStatusCode.NotFound, ct);
        Assert.That(missing["code"]!.GetValue<string>(), Is.EqualTo("KEY_NOT_FOUND"));
        Assert.That(missing["statusCode"]!.GetValue<int>(), Is.EqualTo(404));
        using (var head = await _host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, SqliteHost.Url("/kv/users/alice?db=kv")), ct))
            Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using (var deleteAgain = await _host.DeleteAsync("/kv/users/alice?db=kv", ct))
            Assert.That(deleteAgain.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test, CancelAfter(10_000)]
    public async Task List_filters_by_prefix_and_pages(CancellationToken ct)
    {
        foreach (var key in new[] { "list/b", "list/a", "list/c", "lisz", "other" })
            using (var put = await _host.PutAsync($"/kv/{key}?db=kv&table=listing", "1", ct)) Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await _host.GetJsonAsync("/kv?db=kv&table=listing&prefix=list/&limit=2&offset=1", HttpStatusCode.OK, ct);
        Assert.That(page.ToJsonString(), Is.EqualTo("""{"keys":["list/b","list/c"],"count":2,"limit":2,"offset":1,"prefix":"list/"}"""));
        var all = await _host.GetJsonAsync("/kv?db=kv&table=listing", HttpStatusCode.OK, ct);
        Assert.That(all["keys"]!.AsArray(), Has.Count.EqualTo(5));
        var empty = await _host.GetJsonAsync("/kv?db=kv&table=never_written", HttpStatusCode.OK, ct);
        Assert.That(empty["keys"]!.AsArray(), Is.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task If_match_swaps_only_on_the_current_value(CancellationToken ct)
    {
        using (var put = await _host.PutAsync("/kv/cas?db=kv", """{"v":1}""", ct)) Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var wrong = await _host.PutAsync($"/kv/cas?db=kv&if_match={Uri.EscapeDataString("""{"v":2}""")}", """{"v":3}""", ct))
        {
            var body = await HttpAssert.ReadJsonAsync(wrong, HttpStatusCode.PreconditionFailed, ct);
            Assert.That(body["statusCode"]!.GetValue<int>(), Is.EqualTo(412));
        }

        using (var right = await _host.PutAsync($"/kv/cas?db=kv&if_match={Uri.EscapeDataString("""{ "v": 1 }""")}", """{"v":3}""", ct))
            Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK), "JSON-equal matches");
        Assert.That(await _host.GetTextAsync("/kv/cas?db=kv", ct), Is.EqualTo("""{"v":3}"""));
        using (var absent = await _host.PutAsync("/kv/cas-missing?db=kv&if_match=x", "y", ct))
            Assert.That(absent.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
    }

    [Test, CancelAfter(10_000)]
    public async Task Put_with_a_path_builds_the_json_value(CancellationToken ct)
    {
        using (var put = await _host.PutAsync("/kv/profile?db=kv&path=$.settings.theme", "\"dark\"", ct)) Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var put = await _host.PutAsync("/kv/profile?db=kv&path=settings.size", "3", ct)) Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _host.GetTextAsync("/kv/profile?db=kv", ct), Is.EqualTo("""{"settings":{"theme":"dark","size":3}}"""));
        await _host.GetJsonAsync("/kv/profile?db=kv&path=$.nothing", HttpStatusCode.NotFound, ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Writes_to_a_missing_database_are_404_unless_creation_is_asked(CancellationToken ct)
    {
        using (var put = await _host.PutAsync("/kv/k?db=kv_missing", "v", ct))
        {
            var body = await HttpAssert.ReadJsonAsync(put, HttpStatusCode.NotFound, ct);
            Assert.That(body["code"]!.GetValue<string>(), Is.EqualTo("DATABASE_NOT_FOUND"));
        }

        Assert.That(File.Exists(Path.Combine(_host.DatabaseDir, "kv_missing.db")), Is.False);
        using (var create = await _host.PutAsync("/kv/k?db=kv_missing&create_db_if_missing=true", "v", ct))
            Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _host.GetTextAsync("/kv/k?db=kv_missing", ct), Is.EqualTo("v"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Concurrent_first_writes_create_one_database(CancellationToken ct)
    {
        var writes = Enumerable.Range(0, 20).Select(async i =>
        {
            using var put = await _host.PutAsync($"/kv/k{i}?db=kv_race&create_db_if_missing=true", $"{i}", ct);
            return put.StatusCode;
        });
        Assert.That(await Task.WhenAll(writes), Is.All.EqualTo(HttpStatusCode.OK));
        var keys = await _host.GetJsonAsync("/kv?db=kv_race", HttpStatusCode.OK, ct);
        Assert.That(keys["count"]!.GetValue<int>(), Is.EqualTo(20));
    }

    [TestCase("/kv/k?db=kv&table=bad-name")]
    [TestCase("/kv/k?db=kv&table=sqlite_master")]
    [TestCase("/kv/a%2F..%2Fb?db=kv")]
    [TestCase("/kv/k?db=kv&ttl=-1")]
    [TestCase("/kv/k?db=kv&ttl=soon")]
    [TestCase("/kv/k?db=kv&history=maybe")]
    [TestCase("/kv/k?db=../x")]
    [CancelAfter(10_000)]
    public async Task Bad_parameters_are_400_in_the_kv_family(string path, CancellationToken ct)
    {
        using var put = await _host.Client.PutAsync(SqliteHost.Url(path), new StringContent("v", Encoding.UTF8, "text/plain"), ct);
        var body = await HttpAssert.ReadJsonAsync(put, HttpStatusCode.BadRequest, ct);
        Assert.That(body["statusCode"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(body["message"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test, CancelAfter(10_000)]
    public async Task A_key_with_control_characters_or_over_1024_bytes_is_refused(CancellationToken ct)
    {
        using (var control = await _host.PutAsync("/kv/a%01b?db=kv", "v", ct)) Assert.That(control.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using (var longKey = await _host.PutAsync($"/kv/{new string('k', 1025)}?db=kv", "v", ct)) Assert.That(longKey.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test, CancelAfter(10_000)]
    public async Task Batch_operations_run_in_one_transaction(CancellationToken ct)
    {
        var set = await _host.PostJsonAsync("/kv/batch/set?db=kv&table=batch", """
            {"items":[{"key":"b1","value":"text","content_type":"text/plain"},{"key":"b2","value":{"n":2}},{"key":"b3","value":[1,2]}]}
            """, HttpStatusCode.OK, ct);
        Assert.That(set["count"]!.GetValue<int>(), Is.EqualTo(3));
        var get = await _host.PostJsonAsync("/kv/batch/get?db=kv&table=batch", """{"keys":["b1","b2","b3","none"]}""", HttpStatusCode.OK, ct);
        Assert.That(get.ToJsonString(), Is.EqualTo("""{"values":{"b1":"text","b2":{"n":2},"b3":[1,2],"none":null}}"""));
        var delete = await _host.PostJsonAsync("/kv/batch/delete?db=kv&table=batch", """{"keys":["b1","b3","none"]}""", HttpStatusCode.OK, ct);
        Assert.That(delete["count"]!.GetValue<int>(), Is.EqualTo(2));
        var tooMany = "{\"keys\":[" + string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"k{i}\"")) + "]}";
        await _host.PostJsonAsync("/kv/batch/get?db=kv", tooMany, HttpStatusCode.BadRequest, ct);
        await _host.PostJsonAsync("/kv/batch/set?db=kv", """{"items":"nope"}""", HttpStatusCode.BadRequest, ct);
        await _host.PostJsonAsync("/kv/batch/set?db=kv", "{broken", HttpStatusCode.BadRequest, ct);
        var halfBad = await _host.PostJsonAsync("/kv/batch/set?db=kv&table=batch", """{"items":[{"key":"ok1","value":"x"},{"key":"","value":"y"}]}""", HttpStatusCode.BadRequest, ct);
        Assert.That(halfBad["statusCode"]!.GetValue<int>(), Is.EqualTo(400));
        await _host.GetJsonAsync("/kv/ok1?db=kv&table=batch", HttpStatusCode.NotFound, ct);
        var empty = await _host.PostJsonAsync("/kv/batch/set?db=kv&table=batch", """{"items":[]}""", HttpStatusCode.OK, ct);
        Assert.That(empty["count"]!.GetValue<int>(), Is.Zero);
    }

    [Test, CancelAfter(20_000)]
    public async Task Failing_writes_grouped_with_good_ones_undo_only_themselves(CancellationToken ct)
    {
        using (var first = await _host.PutAsync("/kv/k0?db=kv&table=fresh_cas&if_match=x", "v", ct))
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed), "a refused first write of a new table");
        var writes = Enumerable.Range(0, 40).Select(async i =>
        {
            var cas = i % 2 == 0 ? "&if_match=nothing-matches" : "";
            using var put = await _host.PutAsync($"/kv/k{i}?db=kv&table=fresh_cas{cas}", $"{i}", ct);
            return (i, put.StatusCode);
        });
        var results = await Task.WhenAll(writes);
        Assert.That(results.Where(r => r.i % 2 == 0).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That(results.Where(r => r.i % 2 == 1).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var keys = await _host.GetJsonAsync("/kv?db=kv&table=fresh_cas&limit=100", HttpStatusCode.OK, ct);
        Assert.That(keys["count"]!.GetValue<int>(), Is.EqualTo(20));
        Assert.That(await _host.GetTextAsync("/kv/k7?db=kv&table=fresh_cas", ct), Is.EqualTo("7"));
    }

    [Test, CancelAfter(10_000)]
    public async Task Literal_routes_win_only_for_their_own_method(CancellationToken ct)
    {
        using (var put = await _host.PutAsync("/kv/diff?db=kv", "a key named diff", ct)) Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _host.GetTextAsync("/kv/diff%2F?db=kv".Replace("%2F", "", StringComparison.Ordinal) + "&from=0&to=0", ct), Does.StartWith("{\"db\""));
        using (var put = await _host.PutAsync("/kv/notes%2Fhistory?db=kv", "escaped", ct)) Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await _host.GetTextAsync("/kv/notes%2Fhistory?db=kv", ct), Is.EqualTo("escaped"));
    }
}
