using System.Text.Json.Serialization;
using HoodyKit.Terminal.Screen;

namespace HoodyKit.Terminal.Models;

public sealed record SnapshotReply(
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("alt_screen")] bool AltScreen,
    [property: JsonPropertyName("dimensions")] Dimensions Dimensions,
    [property: JsonPropertyName("cursor")] CursorPosition Cursor,
    [property: JsonPropertyName("lines")] IReadOnlyList<string> Lines,
    [property: JsonPropertyName("highlights")] IReadOnlyList<Highlight>? Highlights,
    [property: JsonPropertyName("colored_lines")] IReadOnlyList<string>? ColoredLines);

public sealed record Dimensions([property: JsonPropertyName("rows")] int Rows, [property: JsonPropertyName("cols")] int Cols);

public sealed record CursorPosition(
    [property: JsonPropertyName("row")] int Row,
    [property: JsonPropertyName("col")] int Col,
    [property: JsonPropertyName("visible")] bool Visible);

public sealed record KeysReply([property: JsonPropertyName("keys")] IReadOnlyList<string> Keys);

public sealed record PressReply(
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("keys_pressed")] int KeysPressed,
    [property: JsonPropertyName("bytes_written")] int BytesWritten);

public sealed record PasteReply(
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("bytes_written")] int BytesWritten,
    [property: JsonPropertyName("bracketed_active")] bool BracketedActive,
    [property: JsonPropertyName("esc_neutralized")] int EscNeutralized);

public sealed record FindHit(
    [property: JsonPropertyName("row")] int Row,
    [property: JsonPropertyName("col")] int Col,
    [property: JsonPropertyName("text")] string Text);

public sealed record FindReply(
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("pattern")] string Pattern,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("truncated")] bool Truncated,
    [property: JsonPropertyName("deadline_exceeded")] bool DeadlineExceeded,
    [property: JsonPropertyName("hits")] IReadOnlyList<FindHit> Hits);

public sealed record WaitReply(
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("matched")] bool Matched,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("elapsed_ms")] long ElapsedMs,
    [property: JsonPropertyName("match"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] FindHit? Match,
    [property: JsonPropertyName("snapshot")] SnapshotReply Snapshot);

public sealed record AutomationState(
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("vterm_active")] bool VtermActive,
    [property: JsonPropertyName("dimensions")] Dimensions Dimensions,
    [property: JsonPropertyName("update_seq")] long UpdateSeq,
    [property: JsonPropertyName("ms_since_change")] long MsSinceChange,
    [property: JsonPropertyName("alt_screen")] bool AltScreen,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("scrollback_len")] int ScrollbackLen,
    [property: JsonPropertyName("active_waiters")] int ActiveWaiters);

public sealed record MouseReply(
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("events_sent")] int EventsSent,
    [property: JsonPropertyName("bytes_written")] int BytesWritten);

public sealed record AutomationMetrics(
    [property: JsonPropertyName("active_sessions")] int ActiveSessions,
    [property: JsonPropertyName("memory_used_mb")] double MemoryUsedMb,
    [property: JsonPropertyName("memory_cap_mb")] int MemoryCapMb,
    [property: JsonPropertyName("active_waiters")] int ActiveWaiters,
    [property: JsonPropertyName("limits")] AutomationLimits Limits);

public sealed record AutomationLimits(
    [property: JsonPropertyName("max_waiters_per_session")] int MaxWaitersPerSession,
    [property: JsonPropertyName("max_body_size_mb")] int MaxBodySizeMb);

[JsonSerializable(typeof(AutomationMetrics))]
[JsonSerializable(typeof(MouseReply))]
[JsonSerializable(typeof(SnapshotReply))]
[JsonSerializable(typeof(KeysReply))]
[JsonSerializable(typeof(PressReply))]
[JsonSerializable(typeof(PasteReply))]
[JsonSerializable(typeof(FindReply))]
[JsonSerializable(typeof(WaitReply))]
[JsonSerializable(typeof(AutomationState))]
internal sealed partial class AutomationJsonContext : JsonSerializerContext;
