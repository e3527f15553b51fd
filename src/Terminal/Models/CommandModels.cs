using System.Globalization;
using System.Text.Json.Serialization;
using HoodyKit.Core.Health;
using HoodyKit.Terminal.Commands;

namespace HoodyKit.Terminal.Models;

/// <summary>
/// An execute result: the reference's <c>command_id</c>, <c>status</c>, <c>output</c>, <c>exit_code</c>, plus what the
/// platform's one-call helper reads (<c>stdout</c>, <c>stderr</c>, <c>timed_out</c>; a PTY merges the streams).
/// </summary>
public sealed record CommandReply(
    [property: JsonPropertyName("command_id")] string CommandId,
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("exit_code")] int? ExitCode,
    [property: JsonPropertyName("stdout")] string Stdout,
    [property: JsonPropertyName("stderr")] string Stderr,
    [property: JsonPropertyName("timed_out")] bool TimedOut,
    [property: JsonPropertyName("started_at")] string StartedAt,
    [property: JsonPropertyName("finished_at")] string? FinishedAt,
    [property: JsonPropertyName("duration_ms")] long? DurationMs)
{
    internal static CommandReply From(CommandSnapshot s) => new(
        s.Id.ToString(CultureInfo.InvariantCulture), s.TerminalId, s.Command, s.Status, s.Output, s.ExitCode, s.Output, "",
        s.Status == "timeout", ProcessFacts.Iso(s.StartedAt), s.FinishedAt is { } f ? ProcessFacts.Iso(f) : null,
        s.FinishedAt is { } end ? (long)(end - s.StartedAt).TotalMilliseconds : null);
}

public sealed record HistoryReply(
    [property: JsonPropertyName("terminal_id")] int TerminalId,
    [property: JsonPropertyName("commands")] IReadOnlyList<CommandReply> Commands);

public sealed record WriteReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("bytes_written")] int BytesWritten);
