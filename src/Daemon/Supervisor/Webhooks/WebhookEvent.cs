using System.Text.Json.Serialization;

namespace HoodyKit.Daemon.Supervisor.Webhooks;

/// <summary>The body POSTed to a program's webhook URLs on a state change.</summary>
public sealed record WebhookEvent(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("from_state")] string FromState,
    [property: JsonPropertyName("program")] WebhookProgram Program,
    [property: JsonPropertyName("port")] int? Port,
    [property: JsonPropertyName("pid")] int? Pid,
    [property: JsonPropertyName("exit_code")] int? ExitCode,
    [property: JsonPropertyName("timestamp")] string Timestamp);

public sealed record WebhookProgram(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name);

[JsonSerializable(typeof(WebhookEvent))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
