using System.Text.Json.Serialization;

namespace HoodyKit.Terminal.SystemInfo;

public sealed record ProcessSummary(
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("cpu_percent")] double CpuPercent,
    [property: JsonPropertyName("memory_percent")] double MemoryPercent,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("command")] string Command);

public sealed record ProcessDetails(
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("cmdline")] string Cmdline,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("ppid")] int Ppid,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("cpu_percent")] double CpuPercent,
    [property: JsonPropertyName("memory_percent")] double MemoryPercent,
    [property: JsonPropertyName("memory_rss")] long MemoryRss,
    [property: JsonPropertyName("memory_vms")] long MemoryVms,
    [property: JsonPropertyName("create_time")] string CreateTime,
    [property: JsonPropertyName("num_threads")] int NumThreads,
    [property: JsonPropertyName("cwd")] string? Cwd);

public sealed record ListeningPort(
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("pid")] int? Pid,
    [property: JsonPropertyName("process")] string? Process,
    [property: JsonPropertyName("user")] string? User);

public sealed record ResourcesReply(
    [property: JsonPropertyName("cpu")] CpuResources Cpu,
    [property: JsonPropertyName("memory")] SpaceResources Memory,
    [property: JsonPropertyName("disk")] SpaceResources Disk,
    [property: JsonPropertyName("network")] IReadOnlyList<NetworkResources> Network,
    [property: JsonPropertyName("uptime_seconds")] long UptimeSeconds);

public sealed record CpuResources(
    [property: JsonPropertyName("usage_percent")] double UsagePercent,
    [property: JsonPropertyName("cores")] int Cores,
    [property: JsonPropertyName("load_average")] IReadOnlyList<double> LoadAverage);

public sealed record SpaceResources(
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("used")] long Used,
    [property: JsonPropertyName("free")] long Free,
    [property: JsonPropertyName("usage_percent")] double UsagePercent);

public sealed record NetworkResources(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("bytes_sent")] long BytesSent,
    [property: JsonPropertyName("bytes_received")] long BytesReceived,
    [property: JsonPropertyName("packets_sent")] long PacketsSent,
    [property: JsonPropertyName("packets_received")] long PacketsReceived);

public sealed record SignalReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("signal")] string Signal,
    [property: JsonPropertyName("pid"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Pid,
    [property: JsonPropertyName("pids")] IReadOnlyList<int> Pids,
    [property: JsonPropertyName("timestamp")] string Timestamp);

public sealed record DisplayInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("display")] string Display);

[JsonSerializable(typeof(IReadOnlyList<ProcessSummary>))]
[JsonSerializable(typeof(ProcessDetails))]
[JsonSerializable(typeof(IReadOnlyList<ListeningPort>))]
[JsonSerializable(typeof(ResourcesReply))]
[JsonSerializable(typeof(SignalReply))]
[JsonSerializable(typeof(IReadOnlyList<DisplayInfo>))]
[JsonSerializable(typeof(Endpoints.PowerReply))]
[JsonSerializable(typeof(Endpoints.StateReply))]
[JsonSerializable(typeof(global::System.Text.Json.Nodes.JsonArray))]
internal sealed partial class SystemJsonContext : JsonSerializerContext;
