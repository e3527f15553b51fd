using System.Net;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Sqlite;

/// <summary>
/// Directory mode (<c>db=&lt;dir&gt;&amp;table=T</c>): keys are files of the directory, written by temporary file and rename,
/// indexed with their history in the sidecar <c>.hoody-kv.db</c>; <c>rebuild=true</c> re-reads the files; <c>X-KV-Reference</c>.
/// </summary>
public sealed class KvDirectoryModeTests
{
    private SqliteHost _host = null!;
    private string _dir = null!;
    private string _db = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await SqliteHost.StartAsync(CancellationToken.None);

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [SetUp]
    public void MakeDirectory()
    {
        _dir = Path.Combine(_host.DatabaseDir, "store-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(_dir);
        _db = Uri.EscapeDataString(_dir);
    }

    [Test, CancelAfter(10_000)]
    public async Task A_put_writes_the_key_as_a_file_and_a_delete_removes_it_with_history_kept(CancellationToken ct)
    {
        using (var put = await _host.PutAsync($"/kv/users/alice?db={_db}&table=files", """{"name":"alice"}""", ct))
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync(ct));
        var file = Path.Combine(_dir, "users", "alice");
        Assert.That(await File.ReadAllTextAsync(file, ct), Is.EqualTo("""{"name":"alice"}"""));
        Assert.That(StoreFiles(), Is.EqualTo(new[] { "users/alice" }), "no temporary file left behind");

        using (var get = await _host.GetAsync($"/kv/users/alice?db={_db}&table=files", ct))
        {
            Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(get.Headers.GetValues("X-KV-Reference"), Is.EqualTo(new[] { "true" }));
            Assert.That(await get.Content.ReadAsStringAsync(ct), Is.EqualTo("""{"name":"alice"}"""));
        }

        await _host.PostJsonAsync($"/kv/users/alice/incr?db={_db}&table=files&path=visits", "", HttpStatusCode.OK, ct);
        Assert.That(await File.ReadAllTextAsync(file, ct), Is.EqualTo("""{"name":"alice","visits":1}"""), "atomic ops write the file too");
        using (var delete = await _host.DeleteAsync($"/kv/users/alice?db={_db}&table=files", ct))
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(File.Exists(file), Is.False);
        var history = await _host.GetJsonAsync($"/kv/users/alice/history?db={_db}&table=files", HttpStatusCode.OK, ct);
        Assert.That(history["operations"]!.AsArray().Select(o => (string?)o!["op_type"]), Is.EqualTo(new[] { "set", "incr", "delete" }));
    }

    [TestCase("a//b")]
    [TestCase(".hoody-kv.db")]
    [TestCase("sub/.hoody-kv.tmp-x")]
    [TestCase("trailing/")]
    [CancelAfter(10_000)]
    public async Task A_key_that_cannot_be_a_file_inside_the_directory_is_400_and_writes_nothing(string key, CancellationToken ct)
    {
        using var put = await _host.PutAsync($"/kv/{key}?db={_db}&table=files", "x", ct, "text/plain");
        var body = await HttpAssert.ReadJsonAsync(put, HttpStatusCode.BadRequest, ct);
        Assert.That((string?)body["code"], Is.EqualTo("INVALID_PARAMETERS"));
        Assert.That(StoreFiles(), Is.Empty);
        var keys = await _host.GetJsonAsync($"/kv?db={_db}&table=files", HttpStatusCode.OK, ct);
        Assert.That(keys["keys"]!.AsArray(), Is.Empty);
    }

    [TestCase("leaf", "leaf/child")]
    [TestCase("folder/child", "folder")]
    [CancelAfter(10_000)]
    public async Task A_key_that_would_be_both_a_file_and_a_folder_is_400(string first, string second, CancellationToken ct)
    {
        using (var put = await _host.PutAsync($"/kv/{first}?db={_db}&table=files", "1", ct, "text/plain"))
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var clash = await _host.PutAsync($"/kv/{second}?db={_db}&table=files", "2", ct, "text/plain");
        await HttpAssert.ReadJsonAsync(clash, HttpStatusCode.BadRequest, ct);
        Assert.That(StoreFiles(), Is.EqualTo(new[] { first }), "the first key's file alone, no temporary file");
        await _host.GetJsonAsync($"/kv/{second}?db={_db}&table=files", HttpStatusCode.NotFound, ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task A_symlinked_folder_is_not_followed(CancellationToken ct)
    {
        var outside = Directory.CreateTempSubdirectory("hk-outside-").FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(_dir, "link"), outside);
            using var put = await _host.PutAsync($"/kv/link/escape?db={_db}&table=files", "x", ct, "text/plain");
            await HttpAssert.ReadJsonAsync(put, HttpStatusCode.BadRequest, ct);
            Assert.That(Directory.EnumerateFileSystemEntries(outside), Is.Empty, "nothing written through the link");
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Test, CancelAfter(10_000)]
    public async Task A_batch_with_one_bad_key_writes_no_file(CancellationToken ct)
    {
        await _host.PostJsonAsync($"/kv/batch/set?db={_db}&table=files",
            """{"items":[{"key":"good","value":"x"},{"key":"bad//key","value":"y"}]}""", HttpStatusCode.BadRequest, ct);
        Assert.That(StoreFiles(), Is.Empty);
        await _host.GetJsonAsync($"/kv/good?db={_db}&table=files", HttpStatusCode.NotFound, ct);
    }

    [Test, CancelAfter(10_000)]
    public async Task Rebuild_reads_new_changed_and_removed_files_into_the_table_with_history(CancellationToken ct)
    {
        using (var put = await _host.PutAsync($"/kv/kept?db={_db}&table=files", "one", ct, "text/plain"))
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (var put = await _host.PutAsync($"/kv/gone?db={_db}&table=files", "two", ct, "text/plain"))
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await File.WriteAllTextAsync(Path.Combine(_dir, "kept"), "edited", ct);
        File.Delete(Path.Combine(_dir, "gone"));
        Directory.CreateDirectory(Path.Combine(_dir, "new"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "new", "doc.json"), """{"a":1}""", ct);

        Assert.That(await _host.GetTextAsync($"/kv/kept?db={_db}&table=files", ct), Is.EqualTo("one"), "the table is a cache until rebuilt");
        using (var rebuilt = await _host.GetAsync($"/kv/new/doc.json?db={_db}&table=files&rebuild=true", ct))
        {
            Assert.That(rebuilt.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rebuilt.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
            Assert.That(await rebuilt.Content.ReadAsStringAsync(ct), Is.EqualTo("""{"a":1}"""));
        }

        Assert.That(await _host.GetTextAsync($"/kv/kept?db={_db}&table=files", ct), Is.EqualTo("edited"));
        await _host.GetJsonAsync($"/kv/gone?db={_db}&table=files", HttpStatusCode.NotFound, ct);
        var gone = await _host.GetJsonAsync($"/kv/gone/history?db={_db}&table=files", HttpStatusCode.OK, ct);
        Assert.That(gone["operations"]!.AsArray().Select(o => (string?)o!["op_type"]), Is.EqualTo(new[] { "set", "delete" }));
        var kept = await _host.GetJsonAsync($"/kv/kept/history?db={_db}&table=files", HttpStatusCode.OK, ct);
        Assert.That(kept["operations"]!.AsArray().Select(o => (string?)o!["value"]), Is.EqualTo(new[] { "one", "edited" }));
        var keys = await _host.GetJsonAsync($"/kv?db={_db}&table=files", HttpStatusCode.OK, ct);
        Assert.That(keys["keys"]!.AsArray().Select(k => (string?)k), Is.EqualTo(new[] { "kept", "new/doc.json" }));
    }

    [Test, CancelAfter(10_000)]
    public async Task A_database_file_has_no_reference_header_and_ignores_rebuild(CancellationToken ct)
    {
        using (var put = await _host.PutAsync("/kv/plain?db=plainfile&create_db_if_missing=true", "v", ct, "text/plain"))
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var get = await _host.GetAsync("/kv/plain?db=plainfile&rebuild=true", ct);
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(get.Headers.Contains("X-KV-Reference"), Is.False);
    }

    private string[] StoreFiles() =>
        Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_dir, f))
            .Where(f => !f.StartsWith(".hoody-kv.db", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
