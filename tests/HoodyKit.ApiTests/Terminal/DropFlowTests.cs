using System.Buffers.Text;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>Drag-and-drop end to end: begin, slices, commit, the OSC 8472 frame read by a program in the terminal; and the one-shot drop.</summary>
public sealed partial class DropFlowTests : DropFixture
{
    [Test, CancelAfter(30_000)]
    public async Task A_drop_is_staged_in_slices_committed_and_its_frame_reaches_the_program_in_the_terminal(CancellationToken ct)
    {
        await using var tty = await TtyClient.ConnectAsync(Host.BaseAddress, "terminal_id=5&env=HOME=" + Uri.EscapeDataString(Home), ct);
        await tty.SendInputAsync(" printf 'rea''dy\\n'; IFS= read -r -s -d $'\\a' f; printf 'got:%s\\n' \"$(printf '%s' \"$f\" | base64 -w0)\"\r", ct);
        Assert.That(await tty.ReadUntilContainsAsync("ready\r\n", ct), Is.True);

        var begun = await Drops.BeginAsync(5, ct);
        Assert.That((int?)begun["max_slice"], Is.EqualTo(MaxSlice));
        Assert.That((string?)begun["token"], Has.Length.GreaterThanOrEqualTo(43));
        var root = (string)begun["root"]!;
        Assert.That(root, Does.StartWith(Path.Combine(StagingDir, "5") + "/"));
        Assert.That(File.GetUnixFileMode(root), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), "private while staging");

        var text = Encoding.UTF8.GetBytes("hello, drop\n");
        var binary = RandomNumberGenerator.GetBytes(MaxSlice + 1000);
        var first = await Drops.UploadOkAsync(begun, "notes/hello.txt", 0, text[..5], ct);
        Assert.That((long?)first["size"], Is.EqualTo(5));
        var second = await Drops.UploadOkAsync(begun, "notes/hello.txt", 5, text[5..], ct);
        Assert.That((long?)second["size"], Is.EqualTo(text.Length));
        await Drops.UploadOkAsync(begun, "data/blob.bin", 0, binary[..MaxSlice], ct);
        await Drops.UploadOkAsync(begun, "data/blob.bin", MaxSlice, binary[MaxSlice..], ct);

        var manifest = $$"""
            {"ctx":"drop","r":3,"c":4,"cr":"clip_42-x","items":[
              {"p":"notes/hello.txt","d":0,"s":{{text.Length}},"name":"hello.txt","h":"{{Sha256(text)}}"},
              {"p":"data/blob.bin","d":0,"s":{{binary.Length}},"name":"blob.bin"},
              {"p":"empty.txt","d":0,"s":0,"name":"empty.txt"},
              {"p":"nothing/here","d":1,"s":0,"name":"here"}]}
            """;
        using var commitResponse = await Drops.CommitAsync(begun, manifest, ct);
        var committed = await HttpAssert.ReadJsonAsync(commitResponse, HttpStatusCode.OK, ct);
        Assert.That((string?)committed["status"], Is.EqualTo("committed"));
        Assert.That((int?)committed["items"], Is.EqualTo(4));
        Assert.That((long?)committed["bytes"], Is.EqualTo(text.Length + binary.Length));
        Assert.That((bool?)committed["duplicate"], Is.False);

        Assert.That(await tty.ReadUntilAsync(o => GotFrame().IsMatch(o), ct), Is.True, "the program read the frame");
        var frame = Encoding.ASCII.GetString(Convert.FromBase64String(GotFrame().Match(tty.Output).Groups[1].Value));
        var manifestBytes = await File.ReadAllBytesAsync(Path.Combine(root, "manifest.json"), ct);
        var expected = $"\u001b]8472;v=1;id={(string)begun["drop"]!};ctx=drop;root={Base64Url.EncodeToString(Encoding.UTF8.GetBytes(root))}"
            + $";sha256={Sha256(manifestBytes)};r=3;c=4;cr=clip_42-x";
        Assert.That(frame, Is.EqualTo(expected), "read -d BEL stops at the terminator");
        Assert.That((string?)committed["manifest_sha256"], Is.EqualTo(Sha256(manifestBytes)));

        var written = JsonNode.Parse(manifestBytes)!;
        Assert.That((string?)written["files_dir"], Is.EqualTo(Path.Combine(root, "files")));
        Assert.That(written["items"]!.AsArray().Select(i => (string?)i!["p"]), Is.EqualTo(new[] { "data/blob.bin", "empty.txt", "notes/hello.txt", "nothing/here" }));
        Assert.That((string?)written["items"]![0]!["h"], Is.EqualTo(Sha256(binary)), "the server fills in every file's sha256");
        Assert.That(await File.ReadAllBytesAsync(Path.Combine(root, "files/data/blob.bin"), ct), Is.EqualTo(binary));
        Assert.That(new FileInfo(Path.Combine(root, "files/empty.txt")).Length, Is.Zero);
        Assert.That(Directory.Exists(Path.Combine(root, "files/nothing/here")), Is.True);
        Assert.That(File.GetUnixFileMode(Path.Combine(root, "files/notes/hello.txt")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead));

        using var again = await Drops.CommitAsync(begun, manifest, ct);
        Assert.That((bool?)(await HttpAssert.ReadJsonAsync(again, HttpStatusCode.OK, ct))["duplicate"], Is.True, "a repeated commit sends the same frame again");
        using var late = await Drops.UploadAsync(begun, "late.txt", 0, [1], ct);
        Assert.That(await DropApi.ErrorCodeAsync(late, HttpStatusCode.Conflict, ct), Is.EqualTo("DROP_SEALED"));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_one_shot_drop_stages_nested_items_through_the_same_paths(CancellationToken ct)
    {
        await CreateSessionAsync(6, ct);
        var body = $$"""
            {"ctx":"paste","items":[
              {"name":"a.txt","b64":"{{Convert.ToBase64String("alpha"u8.ToArray())}}"},
              {"name":"dir","dir":true,"items":[{"name":"b.txt","b64":""},{"name":"empty","dir":true}]}]}
            """;
        using var response = await Drops.OneShotAsync(6, body, ct);
        var committed = await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
        Assert.That((string?)committed["ctx"], Is.EqualTo("paste"));
        var root = (string)committed["root"]!;
        Assert.That(await File.ReadAllTextAsync(Path.Combine(root, "files/a.txt"), ct), Is.EqualTo("alpha"));
        Assert.That(File.Exists(Path.Combine(root, "files/dir/b.txt")), Is.True);
        Assert.That(Directory.Exists(Path.Combine(root, "files/dir/empty")), Is.True);
        var items = JsonNode.Parse(await File.ReadAllBytesAsync(Path.Combine(root, "manifest.json"), ct))!["items"]!.AsArray();
        Assert.That(items.Select(i => $"{(string?)i!["p"]}:{(int?)i["d"]}:{(long?)i["s"]}"), Is.EqualTo(new[] { "a.txt:0:5", "dir/b.txt:0:0", "dir/empty:1:0" }));

        using var nested = await Drops.OneShotAsync(6, """{"ctx":"drop","items":[{"name":"../up","b64":""}]}""", ct);
        Assert.That(await DropApi.ErrorCodeAsync(nested, HttpStatusCode.BadRequest, ct), Is.EqualTo("INVALID_MANIFEST"));
        using var badBase64 = await Drops.OneShotAsync(6, """{"ctx":"drop","items":[{"name":"x","b64":"***"}]}""", ct);
        Assert.That(await DropApi.ErrorCodeAsync(badBase64, HttpStatusCode.BadRequest, ct), Is.EqualTo("INVALID_MANIFEST"));
        using var badCtx = await Drops.OneShotAsync(6, """{"ctx":"fling","items":[{"name":"x","b64":""}]}""", ct);
        Assert.That(await DropApi.ErrorCodeAsync(badCtx, HttpStatusCode.BadRequest, ct), Is.EqualTo("INVALID_MANIFEST"));
        var huge = Convert.ToBase64String(new byte[MaxSlice]);
        using var tooLarge = await Drops.OneShotAsync(6, $$"""{"ctx":"drop","items":[{"name":"x","b64":"{{huge}}"}]}""", ct);
        Assert.That(await DropApi.ErrorCodeAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, ct), Is.EqualTo("PAYLOAD_TOO_LARGE"));
        Assert.That(Directory.GetDirectories(Path.Combine(StagingDir, "6")), Has.Length.EqualTo(1), "failed one-shot drops leave nothing behind");
    }

    [Test, CancelAfter(30_000)]
    public async Task A_committed_drop_is_readable_by_the_sessions_user_and_not_by_others(CancellationToken ct)
    {
        if (Environment.UserName != "root") Assert.Ignore("needs root: the session runs as another user");
        await CreateSessionAsync(7, ct, ""","user":"nobody","cwd":"/tmp" """);
        using var response = await Drops.OneShotAsync(7, $$"""{"ctx":"drop","items":[{"name":"secret.txt","b64":"{{Convert.ToBase64String("for nobody"u8.ToArray())}}"}]}""", ct);
        var root = (string)(await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct))["root"]!;
        var file = Path.Combine(root, "files/secret.txt");

        Assert.That(await RunAsAsync("nobody", "nogroup", file, ct), Is.EqualTo((0, "for nobody")));
        var (otherCode, _) = await RunAsAsync("daemon", "daemon", file, ct);
        Assert.That(otherCode, Is.Not.Zero, "another user cannot read the drop");
    }

    [GeneratedRegex(@"got:([A-Za-z0-9+/=]{20,})\r?\n")]
    private static partial Regex GotFrame();

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>cat as another user, through setpriv (util-linux), the way a session's shell runs.</summary>
    private static async Task<(int Code, string Output)> RunAsAsync(string user, string group, string file, CancellationToken ct)
    {
        var start = new ProcessStartInfo("setpriv", ["--reuid", user, "--regid", group, "--clear-groups", "cat", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, output);
    }
}
