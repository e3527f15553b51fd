using System.Text.Json.Serialization;

namespace HoodyKit.Core.Health;

/// <summary>The standardized health body (ARCHITECTURE §4), plus additive <c>version</c>, <c>running</c> and <c>tools</c>.</summary>
public sealed record HealthBody(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("built")] string? Built,
    [property: JsonPropertyName("started")] string Started,
    [property: JsonPropertyName("memory")] HealthMemory Memory,
    [property: JsonPropertyName("fds")] int? Fds,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("userAgent")] string? UserAgent,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("running")] bool Running,
    [property: JsonPropertyName("tools")] IReadOnlyDictionary<string, bool> Tools);

public sealed record HealthMemory(
    [property: JsonPropertyName("rss")] long Rss,
    [property: JsonPropertyName("heap")] long? Heap);
