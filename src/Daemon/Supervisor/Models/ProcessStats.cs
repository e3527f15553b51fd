using System.Text.Json.Serialization;

namespace HoodyKit.Daemon.Supervisor.Models;

/// <summary>Tree-wide resource use of a running program, from <c>/proc</c>, with a per-process breakdown.</summary>
public sealed record ProcessStats(
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("started_at")] string? StartedAt,
    [property: JsonPropertyName("cpu_percent")] double CpuPercent,
    [property: JsonPropertyName("memory_rss_bytes")] long MemoryRssBytes,
    [property: JsonPropertyName("process_count")] int ProcessCount,
    [property: JsonPropertyName("processes")] IReadOnlyList<ProcessEntry> Processes);

public sealed record ProcessEntry(
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("ppid")] int Ppid,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("cpu_percent")] double CpuPercent,
    [property: JsonPropertyName("memory_rss_bytes")] long MemoryRssBytes,
    [property: JsonPropertyName("started_at")] string? StartedAt);
