using System.Text.Json.Serialization;

namespace HoodyKit.Pipe.Progress;

/// <summary><c>event: state</c>.</summary>
internal sealed record StateEvent(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("hasSender")] bool HasSender,
    [property: JsonPropertyName("activeReceivers")] int ActiveReceivers);

/// <summary><c>event: progress</c>: bytes so far, declared total (or null), bytes per second, seconds left (or null).</summary>
internal sealed record ProgressEvent(
    [property: JsonPropertyName("bytesTransferred")] long BytesTransferred,
    [property: JsonPropertyName("totalBytes")] long? TotalBytes,
    [property: JsonPropertyName("speed")] long Speed,
    [property: JsonPropertyName("eta")] double? Eta,
    [property: JsonPropertyName("receivers")] int Receivers);

/// <summary><c>event: done</c>: the final state, bytes, duration in seconds and average bytes per second.</summary>
internal sealed record DoneEvent(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("bytesTransferred")] long BytesTransferred,
    [property: JsonPropertyName("duration")] double Duration,
    [property: JsonPropertyName("avgSpeed")] long AvgSpeed);

[JsonSerializable(typeof(StateEvent))]
[JsonSerializable(typeof(ProgressEvent))]
[JsonSerializable(typeof(DoneEvent))]
internal sealed partial class PipeJsonContext : JsonSerializerContext;
