using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;
using HoodyKit.Core.Errors;
using HoodyKit.Core.Health;
using HoodyKit.Core.Native;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace HoodyKit.Terminal.Endpoints;

/// <summary>
/// <c>/api/v1/system/reboot</c> and <c>/shutdown</c>: root only; the delay is rounded up to whole minutes because
/// shutdown(8) schedules in minutes. The command is configurable (<c>Terminal:PowerCommand</c>), so tests stub it.
/// </summary>
internal static class PowerEndpoints
{
    public static RouteGroupBuilder MapPowerEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/reboot", (int? delay, IOptions<TerminalOptions> options, TimeProvider time, CancellationToken ct) =>
            ScheduleAsync("-r", delay, options.Value, time, ct));
        api.MapPost("/shutdown", (int? delay, IOptions<TerminalOptions> options, TimeProvider time, CancellationToken ct) =>
            ScheduleAsync("-h", delay, options.Value, time, ct));
        return api;
    }

    private static async Task<Results<Ok<PowerReply>, ApiError>> ScheduleAsync(string mode, int? delay, TerminalOptions options,
        TimeProvider time, CancellationToken ct)
    {
        var seconds = delay ?? 0;
        if (seconds is < 0 or > 86_400) return ApiErrors.BadRequest("INVALID_DELAY", "Delay out of range (> 86400)");
        if (!UnixUsers.IsRoot) return new ApiError(StatusCodes.Status403Forbidden, "ROOT_REQUIRED", "Root privileges are required");
        var minutes = (int)Math.Ceiling(seconds / 60.0);
        var when = minutes == 0 ? "now" : "+" + minutes.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(new ProcessStartInfo(options.PowerCommand, [mode, when])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("the power command did not start");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            return new ApiError(StatusCodes.Status500InternalServerError, "POWER_COMMAND_FAILED", (await stderr).Trim() is { Length: > 0 } e ? e : $"exit code {process.ExitCode}");
        return TypedResults.Ok(new PowerReply(true, minutes, ProcessFacts.Iso(time.GetUtcNow().AddMinutes(minutes))));
    }
}

public sealed record PowerReply(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("effective_minutes")] int EffectiveMinutes,
    [property: JsonPropertyName("scheduled_at")] string ScheduledAt);

public sealed record StateReply([property: JsonPropertyName("status")] string Status);
