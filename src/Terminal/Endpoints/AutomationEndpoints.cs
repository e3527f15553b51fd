using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HoodyKit.Core.Errors;
using HoodyKit.Terminal.Models;
using HoodyKit.Terminal.Screen;
using HoodyKit.Terminal.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HoodyKit.Terminal.Endpoints;

/// <summary>The server-side screen model's API: snapshot, find, keys, press, paste, wait, per-session state.</summary>
internal static class AutomationEndpoints
{
    private static readonly TimeSpan s_findDeadline = TimeSpan.FromMilliseconds(500);

    public static RouteGroupBuilder MapAutomationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/snapshot", Snapshot);
        api.MapGet("/find", Find);
        api.MapGet("/keys", () => TypedResults.Ok(new KeysReply(KeyMap.Names)));
        api.MapPost("/press", Press);
        api.MapPost("/paste", Paste);
        api.MapPost("/wait", WaitAsync);
        api.MapGet("/{terminal_id}/automation", State);
        api.MapPost("/mouse", Mouse);
        api.MapGet("/automation/metrics", Metrics);
        return api;
    }

    private static Results<Ok<SnapshotReply>, ApiError> Snapshot(TerminalSessions sessions, string? terminal_id, string? include_highlights,
        string? include_colors, int? scroll_offset)
    {
        if (!TryFindSession(sessions, terminal_id, out var session, out var error)) return error!;
        if (scroll_offset is < 0) return TerminalErrors.InvalidParameters("scroll_offset must not be negative");
        var snapshot = Render(session!, include_highlights is not ("false" or "0"), include_colors is "true" or "1" or "");
        if (scroll_offset is > 0)
        {
            // the viewport moved N lines up into the scrollback
            var all = session!.Screen(s => s.AllLines());
            var start = Math.Max(0, all.Count - snapshot.Dimensions.Rows - scroll_offset.Value);
            snapshot = snapshot with { Lines = [.. all.Skip(start).Take(snapshot.Dimensions.Rows)], Highlights = null, ColoredLines = null };
        }

        return TypedResults.Ok(snapshot);
    }

    private static Results<Ok<FindReply>, ApiError> Find(TerminalSessions sessions, string? terminal_id, string? pattern, string? scope,
        int? limit, string? case_insensitive)
    {
        if (!TryFindSession(sessions, terminal_id, out var session, out var error)) return error!;
        if (string.IsNullOrEmpty(pattern) || pattern.Length > 1024) return TerminalErrors.InvalidParameters("pattern is required (at most 1024 bytes)");
        if (scope is not (null or "screen" or "scrollback" or "all")) return TerminalErrors.InvalidParameters("scope must be screen, scrollback or all");
        if (Compile(pattern, case_insensitive is "true" or "1" or "") is not { } regex) return TerminalErrors.InvalidParameters("pattern is not a valid regular expression");
        var (hits, total, deadline) = Search(session!, regex, scope ?? "screen", Math.Clamp(limit ?? 100, 1, 10_000));
        return TypedResults.Ok(new FindReply(session!.Id, pattern, scope ?? "screen", total, total > hits.Count, deadline, hits));
    }

    private static Results<Ok<PressReply>, ApiError> Press(HttpContext context, TerminalSessions sessions,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body)
    {
        if (!TryFindSession(sessions, context.Request.Query["terminal_id"], out var session, out var error)) return error!;
        var names = body?["keys"] is JsonArray list ? list.Select(k => k?.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null).ToList()
            : body?["key"]?.GetValueKind() == JsonValueKind.String ? [body["key"]!.GetValue<string>()] : [];
        if (names.Count == 0) return TerminalErrors.InvalidParameters("keys (a list of key names) or key is required");
        var application = session!.Screen(s => s.ApplicationCursorKeys);
        var bytes = new StringBuilder();
        foreach (var name in names)
        {
            if (name is null || KeyMap.Encode(name, application) is not { } encoded)
                return ApiErrors.BadRequest("UNKNOWN_KEY", $"Unknown key name '{name}' (see /api/v1/terminal/keys)");
            bytes.Append(encoded);
        }

        var data = Encoding.UTF8.GetBytes(bytes.ToString());
        if (!session.Write(data)) return ApiErrors.Conflict("NO_PROCESS", "The terminal's process has exited");
        return TypedResults.Ok(new PressReply(session.Id, names.Count, data.Length));
    }

    /// <summary>Pastes text; bracketed (ESC[200~ … ESC[201~) when the program enabled it, with ESC bytes neutralized inside.</summary>
    private static Results<Ok<PasteReply>, ApiError> Paste(HttpContext context, TerminalSessions sessions,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body)
    {
        if (!TryFindSession(sessions, context.Request.Query["terminal_id"], out var session, out var error)) return error!;
        if (body?["text"] is not JsonValue t || t.GetValueKind() != JsonValueKind.String) return TerminalErrors.InvalidParameters("text is required");
        var text = t.GetValue<string>();
        var bracketed = body["bracketed"]?.GetValueKind() != JsonValueKind.False && session!.Screen(s => s.BracketedPaste);
        var neutralized = 0;
        if (bracketed)
        {
            neutralized = text.Count(c => c is '\x1b' or '\x9b');
            text = "\x1b[200~" + text.Replace('\x1b', '\uFFFD').Replace('\x9b', '\uFFFD') + "\x1b[201~";
        }

        var data = Encoding.UTF8.GetBytes(text);
        if (!session!.Write(data)) return ApiErrors.Conflict("NO_PROCESS", "The terminal's process has exited");
        return TypedResults.Ok(new PasteReply(session.Id, data.Length, bracketed, neutralized));
    }

    /// <summary>Waits until the screen is stable for <c>debounce_ms</c> (stable), shows <c>pattern</c> (regex), or either.</summary>
    private static async Task<Results<Ok<WaitReply>, ApiError>> WaitAsync(HttpContext context, TerminalSessions sessions, TimeProvider time,
        WaiterCounts waiters, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body, CancellationToken ct)
    {
        if (!TryFindSession(sessions, context.Request.Query["terminal_id"], out var session, out var error)) return error!;
        if (!waiters.TryEnter(session!.Id))
            return new ApiError(StatusCodes.Status429TooManyRequests, "TOO_MANY_WAITERS", $"At most {WaiterCounts.MaxPerSession} waits per session");
        try
        {
            return await WaitCoreAsync(session, time, body, ct);
        }
        finally
        {
            waiters.Leave(session.Id);
        }
    }

    private static async Task<Results<Ok<WaitReply>, ApiError>> WaitCoreAsync(TerminalSession session, TimeProvider time, JsonObject? body,
        CancellationToken ct)
    {
        body ??= [];
        var mode = body["mode"]?.GetValueKind() == JsonValueKind.String ? body["mode"]!.GetValue<string>() : "stable";
        if (mode is not ("stable" or "regex" or "either")) return TerminalErrors.InvalidParameters("mode must be stable, regex or either");
        var debounce = TimeSpan.FromMilliseconds(Number(body["debounce_ms"]) ?? 100);
        var timeout = TimeSpan.FromMilliseconds(Number(body["timeout_ms"]) ?? 5000);
        if (debounce.TotalMilliseconds is < 10 or > 60_000 || timeout.TotalMilliseconds is < 10 or > 300_000)
            return TerminalErrors.InvalidParameters("debounce_ms must be 10-60000 and timeout_ms 10-300000");
        var scope = body["search_scope"]?.GetValueKind() == JsonValueKind.String ? body["search_scope"]!.GetValue<string>() : "screen";
        Regex? regex = null;
        if (mode != "stable")
        {
            var pattern = body["pattern"]?.GetValueKind() == JsonValueKind.String ? body["pattern"]!.GetValue<string>() : null;
            if (string.IsNullOrEmpty(pattern) || pattern.Length > 1024) return TerminalErrors.InvalidParameters("pattern is required for regex and either modes");
            regex = Compile(pattern, false);
            if (regex is null) return TerminalErrors.InvalidParameters("pattern is not a valid regular expression");
        }

        var started = time.GetUtcNow();
        var deadline = started + timeout;
        while (true)
        {
            var changed = session!.NextChange;
            if (regex is not null && Search(session, regex, scope, 1).Hits is [var hit, ..])
                return TypedResults.Ok(new WaitReply(session.Id, true, "regex", Elapsed(), hit, Render(session, true)));
            if (mode != "regex" && time.GetUtcNow() - session.LastChange >= debounce)
                return TypedResults.Ok(new WaitReply(session.Id, true, "stable", Elapsed(), null, Render(session, true)));
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
                return TypedResults.Ok(new WaitReply(session.Id, false, "timeout", Elapsed(), null, Render(session, true)));
            var nap = mode == "regex" ? remaining : TimeSpan.FromTicks(Math.Min(remaining.Ticks, (debounce - (time.GetUtcNow() - session.LastChange)).Ticks));
            try
            {
                await changed.WaitAsync(nap < TimeSpan.FromMilliseconds(5) ? TimeSpan.FromMilliseconds(5) : nap, time, ct);
            }
            catch (TimeoutException)
            {
                // no change within the nap: re-check stability and the deadline
            }
        }

        long Elapsed() => (long)(time.GetUtcNow() - started).TotalMilliseconds;
    }

    /// <summary>Mouse events encoded for the tracking mode the program set; nothing is sent when it set none.</summary>
    private static Results<Ok<MouseReply>, ApiError> Mouse(HttpContext context, TerminalSessions sessions,
        [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body)
    {
        if (!TryFindSession(sessions, context.Request.Query["terminal_id"], out var session, out var error)) return error!;
        var nodes = body?["events"] is JsonArray list ? [.. list] : body?["event"] is JsonObject one ? [one] : new List<JsonNode?>();
        if (nodes.Count is 0 or > 256) return TerminalErrors.InvalidParameters("event or events (1-256) is required");
        var events = new List<MouseEvent>();
        foreach (var node in nodes)
        {
            if (MouseEvent.Parse(node as JsonObject) is not { } parsed) return TerminalErrors.InvalidParameters("Invalid mouse event");
            events.Add(parsed);
        }

        var (tracking, encoding) = session!.Screen(s => (s.MouseTracking, s.MouseEncoding));
        if (tracking == 0) return TypedResults.Ok(new MouseReply(session.Id, 0, 0));
        var bytes = events.SelectMany(e => e.Encode(tracking, encoding)).ToArray();
        if (bytes.Length > 0 && !session.Write(bytes)) return ApiErrors.Conflict("NO_PROCESS", "The terminal's process has exited");
        return TypedResults.Ok(new MouseReply(session.Id, events.Count, bytes.Length));
    }

    private static Results<Ok<AutomationState>, ApiError> State(string terminal_id, TerminalSessions sessions, TimeProvider time, WaiterCounts waiters)
    {
        if (!TryFindSession(sessions, terminal_id, out var session, out var error)) return error!;
        return TypedResults.Ok(session!.Screen(s => new AutomationState(session.Id, true, new Dimensions(s.Rows, s.Columns), s.Sequence,
            (long)(time.GetUtcNow() - session.LastChange).TotalMilliseconds, s.AlternateScreen, s.Title, s.Scrollback.Count,
            waiters.For(session.Id))));
    }

    /// <summary>Screen models across sessions: count, an estimate of their memory (cells and scrollback), waiters, limits.</summary>
    private static Ok<AutomationMetrics> Metrics(TerminalSessions sessions, WaiterCounts waiters)
    {
        var sessionList = sessions.List();
        var bytes = sessionList.Sum(session => session.Screen(s => ((long)s.Rows * s.Columns * 16) + s.Scrollback.Sum(l => (l.Length * 2) + 24)));
        return TypedResults.Ok(new AutomationMetrics(sessionList.Count, Math.Round(bytes / 1048576.0, 1), 512, waiters.Total,
            new AutomationLimits(WaiterCounts.MaxPerSession, 8)));
    }

    private static SnapshotReply Render(TerminalSession session, bool highlights, bool colors = false) => session.Screen(s =>
    {
        var snap = s.Snapshot();
        return new SnapshotReply(session.Id, snap.Sequence, snap.Title, snap.AlternateScreen, new Dimensions(snap.Rows, snap.Columns),
            new CursorPosition(snap.CursorRow, snap.CursorCol, snap.CursorVisible), snap.Lines, highlights ? snap.Highlights : null,
            colors ? s.ColoredLines() : null);
    });

    /// <summary>Regex hits over the screen (rows from 0) and/or the scrollback (negative rows, -1 the newest), newest screen first.</summary>
    private static (List<FindHit> Hits, int Total, bool DeadlineExceeded) Search(TerminalSession session, Regex regex, string scope, int limit)
    {
        var (screen, scrollback) = session.Screen(s => (s.Snapshot().Lines, s.Scrollback.ToList()));
        var rows = new List<(int Row, string Text)>();
        if (scope is "screen" or "all") rows.AddRange(screen.Select((line, i) => (i, line)));
        if (scope is "scrollback" or "all") rows.AddRange(scrollback.Select((line, i) => (i - scrollback.Count, line)));
        var hits = new List<FindHit>();
        var total = 0;
        try
        {
            foreach (var (row, text) in rows)
            {
                foreach (Match match in regex.Matches(text))
                {
                    total++;
                    if (hits.Count < limit) hits.Add(new FindHit(row, match.Index, match.Value));
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return (hits, total, true);
        }

        return (hits, total, false);
    }

    private static Regex? Compile(string pattern, bool ignoreCase)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None), s_findDeadline);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool TryFindSession(TerminalSessions sessions, string? terminalId, out TerminalSession? session, out ApiError? error)
    {
        session = null;
        error = null;
        if (!TerminalId.TryParse(terminalId, out var id)) error = TerminalErrors.InvalidTerminalId();
        else if ((session = sessions.Find(id)) is null) error = TerminalErrors.SessionNotFound();
        return error is null;
    }

    private static int? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : null;
}
