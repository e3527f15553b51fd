using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HoodyKit.Core.Errors;
using HoodyKit.Core.Health;
using HoodyKit.Core.Integration;
using HoodyKit.Terminal.SystemInfo;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HoodyKit.Terminal.Endpoints;

/// <summary><c>/api/v1/system/*</c>: processes, ports, resources, displays, daemon programs, signals.</summary>
internal static class SystemEndpoints
{
    public static RouteGroupBuilder MapSystemEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/processes", ListProcesses);
        api.MapGet("/processes/{pid:int}", GetProcess);
        api.MapGet("/ports", ListPorts);
        api.MapGet("/resources", (ResourceSampler sampler) => TypedResults.Ok(sampler.Read()));
        api.MapGet("/displays", ListDisplays);
        api.MapGet("/daemon", (IServiceProvider services) =>
            TypedResults.Ok(services.GetService<IDaemonPrograms>()?.List() ?? []));
        api.MapPost("/process/signal", (TimeProvider time, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body) =>
            Signal(body, time, freeze: null));
        api.MapPost("/processes/freeze", (TimeProvider time, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body) =>
            Signal(body, time, freeze: true));
        api.MapPost("/processes/unfreeze", (TimeProvider time, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] JsonObject? body) =>
            Signal(body, time, freeze: false));
        return api;
    }

    private static Results<Ok<IReadOnlyList<ProcessSummary>>, ApiError> ListProcesses(ProcessTable table, string? sort, string? filter, int? limit)
    {
        if (sort is not (null or "cpu" or "memory" or "pid" or "name"))
            return ApiErrors.BadRequest("VALIDATION_ERROR", "sort must be one of: cpu, memory, pid, name");
        if (limit is < 0) return ApiErrors.BadRequest("VALIDATION_ERROR", "limit must not be negative");
        return TypedResults.Ok(table.List(sort, filter, limit));
    }

    private static Results<Ok<ProcessDetails>, ApiError> GetProcess(int pid, ProcessTable table) =>
        table.Details(pid) is { } details ? TypedResults.Ok(details) : ApiErrors.NotFound("PROCESS_NOT_FOUND", $"Process {pid} not found");

    private static Results<Ok<IReadOnlyList<ListeningPort>>, ApiError> ListPorts(string? protocol, int? port, string? ip, string? user,
        string? skip_program)
    {
        var protocols = protocol?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (protocols?.Any(p => p is not ("tcp" or "udp")) == true) return ApiErrors.BadRequest("VALIDATION_ERROR", "protocol must be tcp, udp or both");
        var ips = ip?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var skipped = skip_program?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        IReadOnlyList<ListeningPort> rows = [.. PortTable.List()
            .Where(r => protocols is null || protocols.Contains(r.Protocol))
            .Where(r => port is null || r.Port == port)
            .Where(r => ips is null || ips.Contains(r.Address))
            .Where(r => user is null || r.User == user)
            .Where(r => r.Process is null || !skipped.Contains(r.Process))];
        return TypedResults.Ok(rows);
    }

    /// <summary>X servers with a socket in <c>/tmp/.X11-unix</c>.</summary>
    private static Ok<IReadOnlyList<DisplayInfo>> ListDisplays()
    {
        var folder = Path.Combine(Path.GetTempPath(), ".X11-unix");
        IReadOnlyList<DisplayInfo> displays = Directory.Exists(folder)
            ? [.. Directory.GetFileSystemEntries(folder, "X*").Select(Path.GetFileName).OfType<string>()
                .Where(n => int.TryParse(n.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                .Order(StringComparer.Ordinal).Select(n => new DisplayInfo(n, ":" + n[1..]))]
            : [];
        return TypedResults.Ok(displays);
    }

    /// <summary>signal (freeze null), freeze (SIGSTOP) or unfreeze (SIGCONT), by pid or name.</summary>
    private static Results<Ok<SignalReply>, ApiError> Signal(JsonObject? body, TimeProvider time, bool? freeze)
    {
        body ??= [];
        int? pid = body["pid"] is JsonValue p && p.GetValueKind() == JsonValueKind.Number && p.TryGetValue<int>(out var n) ? n : null;
        var name = body["name"]?.GetValueKind() == JsonValueKind.String ? body["name"]!.GetValue<string>() : null;
        if (pid is null && string.IsNullOrEmpty(name)) return ApiErrors.BadRequest("MISSING_TARGET", "Must specify pid or name");
        var signal = freeze switch
        {
            true => (19, "SIGSTOP"),
            false => (18, "SIGCONT"),
            null when body["force"]?.GetValueKind() == JsonValueKind.True => (9, "SIGKILL"),
            null when body["force"]?.GetValueKind() == JsonValueKind.False => (15, "SIGTERM"),
            null => Signals.Parse(body["signal"]),
        };
        if (signal is not { } chosen) return ApiErrors.BadRequest("INVALID_SIGNAL", "Invalid signal name");
        IReadOnlyList<int> targets = Signals.Targets(pid, name);
        if (targets.Count == 0)
            return ApiErrors.NotFound("PROCESS_NOT_FOUND", pid is { } one ? $"Process {one} not found" : $"No process named '{name}'");
        if (freeze is not null && body["include_descendants"]?.GetValueKind() == JsonValueKind.True) targets = Signals.WithDescendants(targets);
        var failure = Signals.Send(targets, chosen.Item1);
        if (Signals.IsPermissionError(failure)) return new ApiError(StatusCodes.Status403Forbidden, "PERMISSION_DENIED", "Operation not permitted");
        if (failure != 0) return new ApiError(StatusCodes.Status500InternalServerError, "SIGNAL_FAILED", $"Signal could not be delivered (errno {failure})");
        return TypedResults.Ok(new SignalReply(true, chosen.Item2, pid, targets, ProcessFacts.Iso(time.GetUtcNow())));
    }
}
