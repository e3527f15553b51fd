using System.Text.Json.Serialization;

namespace HoodyKit.Daemon.Supervisor.QuickStart;

/// <summary>A quick-start as <c>ephemeral.json</c> tracks it, so a restarted daemon can kill what a crashed one left.</summary>
public sealed record EphemeralRecord(
    [property: JsonPropertyName("temporary_id")] string TemporaryId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("pid")] int? Pid,
    [property: JsonPropertyName("marker")] string? Marker,
    [property: JsonPropertyName("boot_id")] string BootId,
    [property: JsonPropertyName("created_at")] string CreatedAt);
