using System.Net;
using System.Security.Cryptography;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>What drag-and-drop refuses: wrong offsets, escaping paths, wrong tokens, manifests that do not match, slices too large.</summary>
public sealed class DropRefusalTests : DropFixture
{
    [Test, CancelAfter(20_000)]
    public async Task An_offset_must_be_the_staged_size_and_a_refusal_says_where_to_resume(CancellationToken ct)
    {
        await CreateSessionAsync(11, ct);
        var begun = await Drops.BeginAsync(11, ct);
        using (var ahead = await Drops.UploadAsync(begun, "f.txt", 3, [1, 2], ct))
        {
            var error = await HttpAssert.ReadJsonAsync(ahead, HttpStatusCode.Conflict, ct);
            Assert.That(((string?)error["code"], (long?)error["current_size"], (int?)error["statusCode"]), Is.EqualTo(("OFFSET_MISMATCH", 0L, 409)));
        }

        await Drops.UploadOkAsync(begun, "f.txt", 0, [1, 2, 3], ct);
        using (var replay = await Drops.UploadAsync(begun, "f.txt", 0, [1, 2, 3], ct))
            Assert.That((long?)(await HttpAssert.ReadJsonAsync(replay, HttpStatusCode.Conflict, ct))["current_size"], Is.EqualTo(3));
        foreach (var offset in new[] { "-1", "x", "" })
        {
            using var bad = await Host.Client.PostAsync(
                $"/api/v1/terminal/upload?drop={(string)begun["drop"]!}&token={(string)begun["token"]!}&path=f.txt&offset={offset}", new ByteArrayContent([1]), ct);
            Assert.That(await DropApi.ErrorCodeAsync(bad, HttpStatusCode.BadRequest, ct), Is.EqualTo("INVALID_PARAMETERS"), $"offset '{offset}'");
        }
    }

    [Test, CancelAfter(20_000)]
    public async Task Paths_that_could_leave_the_drop_are_refused(CancellationToken ct)
    {
        await CreateSessionAsync(12, ct);
        var begun = await Drops.BeginAsync(12, ct);
        string[] escapes = ["../x", "a/../../x", "/etc/passwd", "a//b", "a/", "./a", "a/./b", "..", "a\\b", "a\0b", "a\u0007b", "", new string('n', 256)];
        foreach (var path in escapes)
        {
            using var refused = await Drops.UploadAsync(begun, path, 0, [1], ct);
            Assert.That(await DropApi.ErrorCodeAsync(refused, HttpStatusCode.BadRequest, ct), Is.EqualTo("INVALID_PATH"), $"path '{path}'");
        }

        await Drops.UploadOkAsync(begun, "dir/f", 0, [1], ct);
        var target = Directory.CreateTempSubdirectory("hk-drop-outside-").FullName;
        File.CreateSymbolicLink(Path.Combine((string)begun["root"]!, "files", "link"), target);
        using (var throughLink = await Drops.UploadAsync(begun, "link/evil", 0, [1], ct))
            Assert.That(await DropApi.ErrorCodeAsync(throughLink, HttpStatusCode.BadRequest, ct), Is.EqualTo("INVALID_PATH"));
        using (var ontoLink = await Drops.UploadAsync(begun, "link", 0, [1], ct))
            Assert.That(await DropApi.ErrorCodeAsync(ontoLink, HttpStatusCode.BadRequest, ct), Is.EqualTo("INVALID_PATH"));
        Assert.That(Directory.GetFileSystemEntries(target), Is.Empty, "nothing was written through the link");
        Directory.Delete(target);

        using (var underFile = await Drops.UploadAsync(begun, "dir/f/g", 0, [1], ct))
            Assert.That(await DropApi.ErrorCodeAsync(underFile, HttpStatusCode.Conflict, ct), Is.EqualTo("PATH_CONFLICT"));
        using (var ontoFolder = await Drops.UploadAsync(begun, "dir", 0, [1], ct))
            Assert.That(await DropApi.ErrorCodeAsync(ontoFolder, HttpStatusCode.Conflict, ct), Is.EqualTo("PATH_CONFLICT"));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_missing_or_wrong_token_an_unknown_drop_and_another_terminal_are_all_the_same_409(CancellationToken ct)
    {
        await CreateSessionAsync(13, ct);
        var begun = await Drops.BeginAsync(13, ct);
        var drop = (string)begun["drop"]!;
        var token = (string)begun["token"]!;
        string[] uploads =
        [
            $"drop={drop}&token=wrong&path=f&offset=0",
            $"drop={drop}&path=f&offset=0",
            $"drop={drop}&token={token[..^1]}&path=f&offset=0",
            $"drop=0123456789abcdef0123456789abcdef&token={token}&path=f&offset=0",
            $"token={token}&path=f&offset=0",
            $"drop={drop}&token={token}&path=f&offset=0&terminal_id=14",
        ];
        foreach (var query in uploads)
        {
            using var refused = await Host.Client.PostAsync("/api/v1/terminal/upload?" + query, new ByteArrayContent([1]), ct);
            Assert.That(await DropApi.ErrorCodeAsync(refused, HttpStatusCode.Conflict, ct), Is.EqualTo("DROP_NOT_FOUND"), query);
        }

        const string manifest = """{"ctx":"drop","items":[{"p":"f","d":0,"s":0}]}""";
        using (var wrongCommit = await Drops.CommitAsync(begun, manifest, ct, token: "wrong"))
            Assert.That(await DropApi.ErrorCodeAsync(wrongCommit, HttpStatusCode.Conflict, ct), Is.EqualTo("DROP_NOT_FOUND"));
        using (var otherTerminal = await Drops.CommitAsync(begun, manifest, ct, query: "&terminal_id=14"))
            Assert.That(await DropApi.ErrorCodeAsync(otherTerminal, HttpStatusCode.Conflict, ct), Is.EqualTo("DROP_NOT_FOUND"));
        using (var badId = await Host.Client.PostAsync("/api/v1/terminal/drop-begin?terminal_id=abc", null, ct))
            Assert.That(await DropApi.ErrorCodeAsync(badId, HttpStatusCode.BadRequest, ct), Is.EqualTo("INVALID_TERMINAL_ID"));
        using (var noSession = await Host.Client.PostAsync("/api/v1/terminal/drop-begin?terminal_id=99", null, ct))
            Assert.That(await DropApi.ErrorCodeAsync(noSession, HttpStatusCode.NotFound, ct), Is.EqualTo("SESSION_NOT_FOUND"));
        using var right = await Drops.CommitAsync(begun, manifest, ct);
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the right token still works after all those");
    }

    [Test, CancelAfter(20_000)]
    public async Task A_manifest_that_does_not_match_the_staged_bytes_is_refused_and_the_drop_stays_open(CancellationToken ct)
    {
        await CreateSessionAsync(15, ct);
        var begun = await Drops.BeginAsync(15, ct);
        var content = "12345"u8.ToArray();
        await Drops.UploadOkAsync(begun, "a.txt", 0, content, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var wrongSha = Convert.ToHexStringLower(SHA256.HashData("54321"u8));

        (string Manifest, HttpStatusCode Status, string Code)[] cases =
        [
            ($$"""{"ctx":"drop","items":[{"p":"a.txt","d":0,"s":5,"h":"{{wrongSha}}"}]}""", HttpStatusCode.Conflict, "MANIFEST_MISMATCH"),
            ("""{"ctx":"drop","items":[{"p":"a.txt","d":0,"s":4}]}""", HttpStatusCode.Conflict, "MANIFEST_MISMATCH"),
            ("""{"ctx":"drop","items":[{"p":"a.txt","d":0,"s":5},{"p":"b.txt","d":0,"s":3}]}""", HttpStatusCode.Conflict, "MANIFEST_MISMATCH"),
            ("""{"ctx":"drop","items":[{"p":"other.txt","d":0,"s":0}]}""", HttpStatusCode.Conflict, "MANIFEST_MISMATCH"),
            ("""{"ctx":"drop","items":[{"p":"a.txt","d":1,"s":0}]}""", HttpStatusCode.Conflict, "MANIFEST_MISMATCH"),
            ("""{"ctx":"fling","items":[{"p":"a.txt","d":0,"s":5}]}""", HttpStatusCode.BadRequest, "INVALID_MANIFEST"),
            ("""{"ctx":"drop","items":[]}""", HttpStatusCode.BadRequest, "INVALID_MANIFEST"),
            ("""{"ctx":"drop","items":[{"p":"../a.txt","d":0,"s":5}]}""", HttpStatusCode.BadRequest, "INVALID_MANIFEST"),
            ("""{"ctx":"drop","items":[{"p":"a.txt","d":0,"s":5},{"p":"a.txt","d":0,"s":5}]}""", HttpStatusCode.BadRequest, "INVALID_MANIFEST"),
            ("""{"ctx":"drop","items":[{"p":"a.txt","d":0,"s":5,"h":"xyz"}]}""", HttpStatusCode.BadRequest, "INVALID_MANIFEST"),
            ("""{"ctx":"drop","items":[{"p":"a.txt","d":0,"s":5},{"p":"a.txt/in","d":1}]}""", HttpStatusCode.BadRequest, "INVALID_MANIFEST"),
        ];
        foreach (var (manifest, status, code) in cases)
        {
            using var refused = await Drops.CommitAsync(begun, manifest, ct);
            Assert.That(await DropApi.ErrorCodeAsync(refused, status, ct), Is.EqualTo(code), manifest);
        }

        using var accepted = await Drops.CommitAsync(begun, $$"""{"ctx":"drop","items":[{"p":"a.txt","d":0,"s":5,"h":"{{sha.ToUpperInvariant()}}"}]}""", ct);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync(ct));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_slice_larger_than_max_slice_is_refused_with_413_and_the_file_keeps_its_bytes(CancellationToken ct)
    {
        await CreateSessionAsync(16, ct);
        var begun = await Drops.BeginAsync(16, ct);
        var start = RandomNumberGenerator.GetBytes(10);
        await Drops.UploadOkAsync(begun, "big.bin", 0, start, ct);
        var huge = RandomNumberGenerator.GetBytes(MaxSlice + 1);
        using (var declared = await Drops.UploadAsync(begun, "big.bin", 10, huge, ct))
            Assert.That(await DropApi.ErrorCodeAsync(declared, HttpStatusCode.RequestEntityTooLarge, ct), Is.EqualTo("PAYLOAD_TOO_LARGE"));
        using (var streamed = await Drops.UploadAsync((string)begun["drop"]!, (string)begun["token"]!, "big.bin", 10, new ChunkedContent(huge), ct))
            Assert.That(await DropApi.ErrorCodeAsync(streamed, HttpStatusCode.RequestEntityTooLarge, ct), Is.EqualTo("PAYLOAD_TOO_LARGE"), "no Content-Length: cut off while streaming");
        using (var newFile = await Drops.UploadAsync((string)begun["drop"]!, (string)begun["token"]!, "new.bin", 0, new ChunkedContent(huge), ct))
            Assert.That(newFile.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));

        var end = RandomNumberGenerator.GetBytes(5);
        var resumed = await Drops.UploadOkAsync(begun, "big.bin", 10, end, ct);
        Assert.That((long?)resumed["size"], Is.EqualTo(15), "the refused slices left nothing behind");
        var sha = Convert.ToHexStringLower(SHA256.HashData([.. start, .. end]));
        using var committed = await Drops.CommitAsync(begun, $$"""{"ctx":"drop","items":[{"p":"big.bin","d":0,"s":15,"h":"{{sha}}"}]}""", ct);
        Assert.That(committed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "new.bin was never staged, and big.bin hashes right: " + await committed.Content.ReadAsStringAsync(ct));
    }

    [Test, CancelAfter(20_000)]
    public async Task Too_many_items_is_a_413(CancellationToken ct)
    {
        await CreateSessionAsync(17, ct);
        var begun = await Drops.BeginAsync(17, ct);
        var items = string.Join(",", Enumerable.Range(0, 10_001).Select(i => $$"""{"p":"f{{i}}","d":0,"s":0}"""));
        using var refused = await Drops.CommitAsync(begun, $$"""{"ctx":"drop","items":[{{items}}]}""", ct);
        Assert.That(await DropApi.ErrorCodeAsync(refused, HttpStatusCode.RequestEntityTooLarge, ct), Is.EqualTo("TOO_MANY_ITEMS"));
    }

    /// <summary>A body of unknown length (chunked): the server can only find its size by reading it.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
