using System.Text.Json.Serialization;

namespace HoodyKit.Daemon.Supervisor.Models;

public sealed record ProgramListResponse([property: JsonPropertyName("programs")] IReadOnlyList<ProgramConfig> Programs);

public sealed record ProgramResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("program")] ProgramConfig Program);

public sealed record AddProgramResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("program")] ProgramConfig Program);

public sealed record RemoveProgramResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("id")] int Id);

public sealed record SuccessResponse([property: JsonPropertyName("success")] bool Success);

public sealed record StatusEntry(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("status")] ProgramStatusView Status);

public sealed record StatusListResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("statuses")] IReadOnlyList<StatusEntry> Statuses);

public sealed record StatusResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("status")] ProgramStatusView Status,
    [property: JsonPropertyName("stats"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ProcessStats? Stats);

/// <summary>The body of <c>POST /programs/{id}/start</c>; every field optional.</summary>
public sealed record StartRequest(
    [property: JsonPropertyName("port")] int? Port,
    [property: JsonPropertyName("wait")] bool? Wait,
    [property: JsonPropertyName("timeout")] int? Timeout,
    [property: JsonPropertyName("if_not_running")] bool? IfNotRunning);

/// <summary>The body of <c>POST /programs/{id}/stop</c>; every field optional.</summary>
public sealed record StopRequest(
    [property: JsonPropertyName("port")] int? Port,
    [property: JsonPropertyName("all")] bool? All);

public sealed record StartResponse(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("instance")] ProgramStatusView Instance,
    [property: JsonPropertyName("already_running"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? AlreadyRunning);
