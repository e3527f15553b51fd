using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Running;

namespace HoodyKit.Daemon.Supervisor.Programs;

/// <summary>enable, disable, start and stop, for user programs and built-in modules alike.</summary>
internal sealed class ProgramControl(ProgramStore store, ProgramSupervisor supervisor, BuiltInPrograms builtIns, ProgramViews views,
    TimeProvider time)
{
    public async Task<Outcome<StartReply>> StartAsync(int id, int? port, StartOptions options, CancellationToken ct)
    {
        if (builtIns.Find(id) is { } builtIn) return StartBuiltIn(builtIn, options);
        if (store.Find(id) is not { } program) return Failure.ProgramNotFound(id);
        if (!program.Enabled) return Failure.Conflict($"Program '{program.Name}' is disabled");
        if (program.PortRange is { } range)
        {
            if (port is null) return Failure.BadRequest("Port parameter is required for port-range programs");
            if (port is < 1 or > 65535) return Failure.BadRequest("Port must be between 1 and 65535");
            if (!range.Contains(port.Value))
                return Failure.BadRequest($"Port {port} is outside the program's port range {range.Start}-{range.End}");
        }

        var result = await supervisor.StartAsync(program, program.PortRange is null ? null : port, options, ct);
        var instance = StatusViews.ForInstance(id, result.Instance, time.GetUtcNow());
        return result.Outcome switch
        {
            StartOutcome.AlreadyRunning => Failure.Conflict($"Program '{program.Name}' is already running"),
            StartOutcome.ExitedTooQuickly => Failure.Conflict($"Program exited too quickly (exit code {result.Instance.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})"),
            StartOutcome.TimedOut => new Failure(FailureKind.Timeout, $"Timeout waiting for program to reach RUNNING state (current: {result.Instance.State.Upper()})"),
            _ => new StartReply(instance, options.IfNotRunning ? result.Outcome == StartOutcome.AlreadyRunningAccepted : null),
        };
    }

    /// <summary>Stops a program, one port instance, or (<paramref name="all"/>, or no port) every instance; idempotent.</summary>
    public async Task<Failure?> StopAsync(int id, int? port, bool all)
    {
        if (port is not null && all) return Failure.BadRequest("Specify either 'port' or 'all: true', not both");
        if (builtIns.Find(id) is { } builtIn)
        {
            return builtIns.Stop(builtIn) == ControlOutcome.Refused
                ? Failure.Conflict($"Program '{builtIn.Name}' serves this API and cannot be stopped or disabled")
                : null;
        }

        if (store.Find(id) is not { } program) return Failure.ProgramNotFound(id);
        if (port is < 1 or > 65535) return Failure.BadRequest("Port must be between 1 and 65535");
        await supervisor.StopAsync(id, program.PortRange is null ? null : port);
        return null;
    }

    public async Task<Outcome<ProgramConfig>> EnableAsync(int id, CancellationToken ct)
    {
        if (builtIns.Find(id) is { } builtIn)
        {
            builtIns.Enable(builtIn);
            return builtIns.View(builtIn, includeStatus: false);
        }

        if (store.Find(id) is not { } program) return Failure.ProgramNotFound(id);
        if (!program.Enabled) program = (await store.UpdateAsync(program with { Enabled = true }, ct)).Program ?? program;
        if (program.Boot && !program.LazyLoad && program.PortRange is null)
            await supervisor.StartAsync(program, null, new StartOptions(false, TimeSpan.Zero, true), ct);
        return views.View(program, includeStatus: false);
    }

    public async Task<Outcome<ProgramConfig>> DisableAsync(int id, CancellationToken ct)
    {
        if (builtIns.Find(id) is { } builtIn)
        {
            return builtIns.Disable(builtIn) == ControlOutcome.Refused
                ? Failure.Conflict($"Program '{builtIn.Name}' serves this API and cannot be stopped or disabled")
                : builtIns.View(builtIn, includeStatus: false);
        }

        if (store.Find(id) is not { } program) return Failure.ProgramNotFound(id);
        await supervisor.StopAsync(id, null);
        if (program.Enabled) program = (await store.UpdateAsync(program with { Enabled = false }, ct)).Program ?? program;
        return program;
    }

    private Outcome<StartReply> StartBuiltIn(BuiltInProgram builtIn, StartOptions options)
    {
        var outcome = builtIns.Start(builtIn);
        if (outcome == ControlOutcome.Disabled) return Failure.Conflict($"Program '{builtIn.Name}' is disabled");
        var already = outcome == ControlOutcome.AlreadyInState;
        if (already && !options.IfNotRunning) return Failure.Conflict($"Program '{builtIn.Name}' is already running");
        return new StartReply(builtIns.Status(builtIn), options.IfNotRunning ? already : null);
    }
}

/// <summary>The started instance, and whether it was already running (only reported with if_not_running).</summary>
internal sealed record StartReply(ProgramStatusView Instance, bool? AlreadyRunning);
