using System.Net;
using System.Text.Json.Nodes;
using HoodyKit.ApiTests.Infrastructure;

namespace HoodyKit.ApiTests.Terminal;

/// <summary>The server-side screen model through the API: snapshot, wait, find, press, paste, keys, state.</summary>
public sealed class AutomationTests : DaemonFixture
{
    private static readonly string s_home = Directory.CreateTempSubdirectory("hk-auto-home-").FullName;

    [Test, CancelAfter(20_000)]
    public async Task Wait_for_text_then_snapshot_shows_the_screen(CancellationToken ct)
    {
        await CreateAsync(41, ct);
        await PostOkAsync("/api/v1/terminal/write?terminal_id=41", """{"input":"clear; echo MARK-$((20+22))"}""", ct);
        var waited = await PostOkAsync("/api/v1/terminal/wait?terminal_id=41", """{"mode":"regex","pattern":"MARK-42","timeout_ms":5000}""", ct);
        Assert.That((bool?)waited["matched"], Is.True);
        Assert.That((string?)waited["match"]!["text"], Is.EqualTo("MARK-42"));

        var snapshot = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/snapshot?terminal_id=41", ct);
        Assert.That(snapshot["lines"]!.AsArray().Select(l => (string?)l), Does.Contain("MARK-42"));
        Assert.That((int?)snapshot["dimensions"]!["cols"], Is.EqualTo(80));
        Assert.That((bool?)snapshot["alt_screen"], Is.False);

        var coloured = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/snapshot?terminal_id=41&include_colors=true", ct);
        Assert.That(coloured["colored_lines"]!.AsArray(), Has.Count.EqualTo(24));
        var scrolled = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/snapshot?terminal_id=41&scroll_offset=5", ct);
        Assert.That(scrolled["lines"]!.AsArray(), Has.Count.LessThanOrEqualTo(24));

        var found = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/find?terminal_id=41&pattern=MARK-(\\d%2B)", ct);
        Assert.That((int?)found["total"], Is.GreaterThanOrEqualTo(1));
        Assert.That(found["hits"]!.AsArray().Select(h => (string?)h!["text"]), Does.Contain("MARK-42"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Colored_lines_keep_256_and_24_bit_colours_exactly(CancellationToken ct)
    {
        await CreateAsync(49, ct);
        await PostOkAsync("/api/v1/terminal/write?terminal_id=49", """{"input":"printf '\\033[38;5;196mX\\033[48;2;1;2;3mY\\033[0m-%s\\n' END"}""", ct);
        var waited = await PostOkAsync("/api/v1/terminal/wait?terminal_id=49", """{"mode":"regex","pattern":"XY-END","timeout_ms":5000}""", ct);
        Assert.That((bool?)waited["matched"], Is.True, waited.ToJsonString());

        var coloured = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/snapshot?terminal_id=49&include_colors=true", ct);
        Assert.That(coloured["colored_lines"]!.AsArray().Select(l => (string?)l),
            Does.Contain("\u001b[0;38;5;196mX\u001b[0;38;5;196;48;2;1;2;3mY\u001b[0m-END"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Press_ctrl_c_interrupts_the_foreground_job(CancellationToken ct)
    {
        await CreateAsync(42, ct);
        await PostOkAsync("/api/v1/terminal/write?terminal_id=42", """{"input":"sleep 30; echo after-sleep-$?"}""", ct);
        await PostOkAsync("/api/v1/terminal/wait?terminal_id=42", """{"mode":"stable","debounce_ms":300}""", ct);
        var pressed = await PostOkAsync("/api/v1/terminal/press?terminal_id=42", """{"keys":["ctrl+c"]}""", ct);
        Assert.That((int?)pressed["keys_pressed"], Is.EqualTo(1));
        Assert.That((int?)pressed["bytes_written"], Is.EqualTo(1));
        var waited = await PostOkAsync("/api/v1/terminal/wait?terminal_id=42", """{"mode":"regex","pattern":"\\^C","timeout_ms":5000}""", ct);
        Assert.That((bool?)waited["matched"], Is.True);
        var snapshot = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/snapshot?terminal_id=42", ct);
        Assert.That(string.Join("\n", snapshot["lines"]!.AsArray().Select(l => (string?)l)), Does.Not.Contain("after-sleep-0"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Full_screen_programs_use_the_alternate_screen_and_cursor_keys_follow_its_mode(CancellationToken ct)
    {
        await CreateAsync(43, ct);
        await PostOkAsync("/api/v1/terminal/write?terminal_id=43", """{"input":"printf '\\033[?1049h\\033[?1h\\033[Hin-app'; sleep 30"}""", ct);
        await PostOkAsync("/api/v1/terminal/wait?terminal_id=43", """{"mode":"regex","pattern":"^in-app","timeout_ms":5000}""", ct);
        var state = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/43/automation", ct);
        Assert.That((bool?)state["alt_screen"], Is.True);
        var pressed = await PostOkAsync("/api/v1/terminal/press?terminal_id=43", """{"key":"up"}""", ct);
        Assert.That((int?)pressed["bytes_written"], Is.EqualTo(3), "ESC O A in application cursor mode");

        await using var joining = await TtyClient.ConnectAsync(Host.BaseAddress, "terminal_id=43&readonly=1", ct);
        Assert.That(await joining.ReadUntilContainsAsync("in-app", ct), Is.True);
        Assert.That(joining.Output, Does.StartWith("\u001bc\u001b[?1049h"), "a joining client gets the serialized full screen");
    }

    [Test, CancelAfter(20_000)]
    public async Task Unknown_keys_are_refused_and_keys_are_listed(CancellationToken ct)
    {
        await CreateAsync(44, ct);
        using var content = new StringContent("""{"keys":["enter","hyper+x"]}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await Host.Client.PostAsync("/api/v1/terminal/press?terminal_id=44", content, ct);
        Assert.That((string?)(await HttpAssert.ReadJsonAsync(response, HttpStatusCode.BadRequest, ct))["code"], Is.EqualTo("UNKNOWN_KEY"));
        var keys = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/keys", ct);
        Assert.That(keys["keys"]!.AsArray().Select(k => (string?)k), Does.Contain("ctrl+c").And.Contain("page_up").And.Contain("arrow_up"));
        using var missing = await Host.Client.GetAsync("/api/v1/terminal/snapshot?terminal_id=45", ct);
        Assert.That((string?)(await HttpAssert.ReadJsonAsync(missing, HttpStatusCode.NotFound, ct))["code"], Is.EqualTo("SESSION_NOT_FOUND"));
        using var badRegex = await Host.Client.GetAsync("/api/v1/terminal/find?terminal_id=44&pattern=(", ct);
        Assert.That(badRegex.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var metrics = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/automation/metrics", ct);
        Assert.That((int?)metrics["active_sessions"], Is.GreaterThanOrEqualTo(1));
        Assert.That((int?)metrics["limits"]!["max_waiters_per_session"], Is.EqualTo(16));
        var state = await Host.Client.GetFromJsonNodeAsync("/api/v1/terminal/44/automation", ct);
        Assert.That((int?)state["active_waiters"], Is.Zero);
        Assert.That((bool?)state["vterm_active"], Is.True);
    }

    [Test, CancelAfter(20_000)]
    public async Task Paste_is_bracketed_only_when_the_program_asked(CancellationToken ct)
    {
        await CreateAsync(46, ct);
        await PostOkAsync("/api/v1/terminal/wait?terminal_id=46", """{"mode":"stable","debounce_ms":300}""", ct);
        var plain = await PostOkAsync("/api/v1/terminal/paste?terminal_id=46", """{"text":"echo pasted-one"}""", ct);
        var bracketedByBash = (bool)plain["bracketed_active"]!;
        Assert.That((int?)plain["bytes_written"], Is.EqualTo(bracketedByBash ? 15 + 12 : 15));
        var unbracketed = await PostOkAsync("/api/v1/terminal/paste?terminal_id=46", """{"text":"x","bracketed":false}""", ct);
        Assert.That((bool?)unbracketed["bracketed_active"], Is.False);
    }

    [Test, CancelAfter(20_000)]
    public async Task Screenshot_draws_the_screen_as_png_or_jpeg(CancellationToken ct)
    {
        await CreateAsync(47, ct);
        await PostOkAsync("/api/v1/terminal/write?terminal_id=47", """{"input":"echo picture"}""", ct);
        await PostOkAsync("/api/v1/terminal/wait?terminal_id=47", """{"mode":"regex","pattern":"^picture","timeout_ms":5000}""", ct);

        using var png = await Host.Client.GetAsync("/api/v1/terminal/screenshot?terminal_id=47", ct);
        Assert.That(png.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
        var bytes = await png.Content.ReadAsByteArrayAsync(ct);
        Assert.That(bytes.Take(4), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        var width = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
        Assert.That(width, Is.GreaterThan(80 * 6), "80 columns of a 14 px font");

        using var jpeg = await Host.Client.GetAsync("/api/v1/terminal/screenshot?terminal_id=47&format=jpeg&background=ffffff", ct);
        Assert.That((await jpeg.Content.ReadAsByteArrayAsync(ct)).Take(2), Is.EqualTo(new byte[] { 0xFF, 0xD8 }));
        using var badColour = await Host.Client.GetAsync("/api/v1/terminal/screenshot?terminal_id=47&background=notacolour", ct);
        Assert.That(badColour.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test, CancelAfter(20_000)]
    public async Task Mouse_events_reach_only_programs_that_enabled_tracking(CancellationToken ct)
    {
        await CreateAsync(48, ct);
        await PostOkAsync("/api/v1/terminal/wait?terminal_id=48", """{"mode":"stable","debounce_ms":300}""", ct);
        var ignored = await PostOkAsync("/api/v1/terminal/mouse?terminal_id=48", """{"event":{"type":"click","row":0,"col":0}}""", ct);
        Assert.That((int?)ignored["bytes_written"], Is.Zero);

        // READY (typed as RE''ADY) shows once the modes are on: a stable wait could return before the shell even echoed
        await PostOkAsync("/api/v1/terminal/write?terminal_id=48", """{"input":"printf '\\033[?1000h\\033[?1006hRE''ADY\\n'; read -rsn9 m; printf 'got:%s\\n' \"${m#??}\""}""", ct);
        var ready = await PostOkAsync("/api/v1/terminal/wait?terminal_id=48", """{"mode":"regex","pattern":"^READY","timeout_ms":5000}""", ct);
        Assert.That((bool?)ready["matched"], Is.True, ready.ToJsonString());
        var sent = await PostOkAsync("/api/v1/terminal/mouse?terminal_id=48", """{"event":{"type":"down","row":2,"col":3}}""", ct);
        Assert.That((int?)sent["events_sent"], Is.EqualTo(1));
        Assert.That((int?)sent["bytes_written"], Is.EqualTo(9));
        var waited = await PostOkAsync("/api/v1/terminal/wait?terminal_id=48", """{"mode":"regex","pattern":"got:<0;4;3M","timeout_ms":5000}""", ct);
        Assert.That((bool?)waited["matched"], Is.True, waited.ToJsonString());
    }

    private async Task CreateAsync(int id, CancellationToken ct) =>
        await PostOkAsync("/api/v1/terminal/create", $$$"""{"terminal_id":{{{id}}},"env":{"HOME":"{{{s_home}}}"}}""", ct);

    private async Task<JsonNode> PostOkAsync(string path, string body, CancellationToken ct)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await Host.Client.PostAsync(path, content, ct);
        return await HttpAssert.ReadJsonAsync(response, HttpStatusCode.OK, ct);
    }
}
