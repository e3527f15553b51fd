using System.Text.Json.Serialization;
using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Programs;

namespace HoodyKit.Daemon.Supervisor.Logs;

/// <summary>Finds a program's (or port instance's) stdout/stderr log and reads its tail.</summary>
internal sealed class ProgramLogs(ProgramStore store, ProgramPaths paths)
{
    public const int DefaultLines = 100;

    /// <summary>The log file to read, or why there is none.</summary>
    public Outcome<string> Locate(int id, string? type, int? port, string typeError)
    {
        if (type is not (null or "stdout" or "stderr")) return Failure.BadRequest(typeError);
        if (BuiltInPrograms.IsBuiltInId(id))
            return Failure.BadRequest("Built-in modules log to the hoodykit log (journalctl -u hoodykit)");
        if (store.Find(id) is not { } program) return Failure.ProgramNotFound(id);
        return Locate(program, type ?? "stdout", port);
    }

    public static Outcome<int> CheckLines(int? lines) =>
        lines is null ? DefaultLines
        : lines is < 1 or > 10_000 ? Failure.BadRequest("Query parameter 'lines' must be between 1 and 10000")
        : lines.Value;

    public static async Task<LogReply> ReadAsync(string file, string type, int lines, CancellationToken ct)
    {
        var (text, count) = await LogTail.ReadAsync(file, lines, ct);
        return new LogReply(true, text, type, count, file);
    }

    private Outcome<string> Locate(ProgramConfig program, string type, int? port)
    {
        if (!program.LogsEnabled) return Failure.BadRequest("Logging is disabled for this program");
        var file = type == "stderr"
            ? program.StderrLogfile ?? paths.DefaultLog(program.Name, "err")
            : program.StdoutLogfile ?? paths.DefaultLog(program.Name, "out");
        if (program.PortRange is null) return file;
        if (port is null) return Failure.BadRequest("Port parameter is required for port-range programs");
        return ProgramPaths.InstanceLog(file, program.Name, port.Value);
    }
}

/// <summary><c>LogResponse</c>: <c>lines</c> is the number of lines returned.</summary>
public sealed record LogReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("logs")] string Logs,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("lines")] int Lines,
    [property: JsonPropertyName("log_file")] string LogFile);
