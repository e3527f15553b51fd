using System.Collections.Concurrent;
using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Processes;
using HoodyKit.Daemon.Supervisor.Programs;
using Microsoft.Extensions.Options;

namespace HoodyKit.Daemon.Supervisor.Running;

/// <summary>
/// Runs the configured programs: one <see cref="ProgramInstance"/> per program, or per port of a
/// port-range program. Each spawn reads the program's current configuration, so an edit applies at the
/// next start. Boot starts priority tiers in order; shutdown stops them in reverse.
/// </summary>
internal sealed partial class ProgramSupervisor(ProgramStore store, ProgramPaths paths, ProcessLauncher launcher,
    ProcessTree tree, IOptions<DaemonOptions> options, TimeProvider time, StateChanges changes, ILogger<ProgramSupervisor> logger)
{
    private readonly ConcurrentDictionary<(int Id, int Port), ProgramInstance> _instances = new();
    private readonly InstanceRuntime _runtime = new(options.Value, launcher, tree, time, logger, changes.Publish);

    /// <summary>The instance of a program (port 0 for a plain program), created on first use.</summary>
    public ProgramInstance Instance(ProgramConfig program, int? port) =>
        _instances.GetOrAdd((program.Id, port ?? 0), key => new ProgramInstance(
            key.Port == 0 ? program.Name : $"{program.Name}_{key.Port}", port,
            _runtime with { OnChange = change => changes.Publish(change with { ProgramId = key.Id }) },
            () => Launch(key.Id, port)));

    /// <summary>The instances that exist for a program (port-range programs: one per started port).</summary>
    public IReadOnlyList<ProgramInstance> Instances(int id) =>
        [.. _instances.Where(p => p.Key.Id == id).OrderBy(p => p.Key.Port).Select(p => p.Value)];

    public async Task<StartResult> StartAsync(ProgramConfig program, int? port, StartOptions start, CancellationToken ct)
    {
        var instance = Instance(program, program.PortRange is null ? null : port);
        var started = await instance.StartAsync(TimeSpan.FromSeconds(program.DelaySeconds), ct);
        var snapshot = instance.Snapshot();
        if (!started && !start.IfNotRunning) return new StartResult(StartOutcome.AlreadyRunning, snapshot);
        var alreadyRunning = !started;
        if (!start.Wait) return new StartResult(alreadyRunning ? StartOutcome.AlreadyRunningAccepted : StartOutcome.Started, snapshot);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(start.Timeout);
        try
        {
            var running = await instance.WaitUntilRunningAsync(timeout.Token);
            if (running && instance.Port is { } listening) running = await PortAcceptsAsync(instance, listening, timeout.Token);
            var outcome = running
                ? alreadyRunning ? StartOutcome.AlreadyRunningAccepted : StartOutcome.Started
                : StartOutcome.ExitedTooQuickly;
            return new StartResult(outcome, instance.Snapshot());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new StartResult(StartOutcome.TimedOut, instance.Snapshot());
        }
    }

    /// <summary>Stops one instance, or every instance of the program when <paramref name="port"/> is null.</summary>
    public Task StopAsync(int id, int? port) =>
        Task.WhenAll(_instances.Where(p => p.Key.Id == id && (port is null || p.Key.Port == port)).Select(p => p.Value.StopAsync()));

    /// <summary>Stops and forgets every instance of a removed program.</summary>
    public async Task ForgetAsync(int id)
    {
        await StopAsync(id, null);
        foreach (var key in _instances.Keys.Where(k => k.Id == id).ToList())
            if (_instances.TryRemove(key, out var instance)) instance.Dispose();
    }

    /// <summary>Starts the boot programs tier by tier (ascending priority), each tier waiting for RUNNING or failure.</summary>
    public async Task BootAsync(CancellationToken ct)
    {
        var tiers = store.All().Where(p => p.Enabled && p.Boot && !p.LazyLoad && p.PortRange is null)
            .GroupBy(p => p.Priority).OrderBy(g => g.Key);
        foreach (var tier in tiers)
        {
            var instances = new List<ProgramInstance>();
            foreach (var program in tier)
            {
                var instance = Instance(program, null);
                await instance.StartAsync(TimeSpan.FromSeconds(program.DelaySeconds), ct);
                instances.Add(instance);
            }

            using var cap = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cap.CancelAfter(options.Value.BootTierWait + TimeSpan.FromSeconds(tier.Max(p => p.DelaySeconds)));
            try
            {
                await Task.WhenAll(instances.Select(i => i.WaitUntilRunningAsync(cap.Token)));
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                LogTierSlow(logger, tier.Key);
            }
        }
    }

    /// <summary>Stops every program, highest priority number first; programs of one tier stop together.</summary>
    public async Task ShutdownAsync()
    {
        var priorities = store.All().ToDictionary(p => p.Id, p => p.Priority);
        var tiers = _instances.GroupBy(p => priorities.GetValueOrDefault(p.Key.Id, int.MaxValue)).OrderByDescending(g => g.Key);
        foreach (var tier in tiers)
            await Task.WhenAll(tier.Select(p => p.Value.StopAsync()));
    }

    /// <summary>A port instance is ready once its port accepts TCP connections (or it stops running: false).</summary>
    private async Task<bool> PortAcceptsAsync(ProgramInstance instance, int port, CancellationToken ct)
    {
        while (true)
        {
            using (var client = new System.Net.Sockets.TcpClient())
            {
                try
                {
                    await client.ConnectAsync(System.Net.IPAddress.Loopback, port, ct);
                    return true;
                }
                catch (System.Net.Sockets.SocketException)
                {
                    // not listening yet
                }
            }

            if (instance.Snapshot().State != ProgramState.Running) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct);
        }
    }

    private InstanceLaunch Launch(int id, int? port)
    {
        var program = store.Find(id) ?? throw new InvalidOperationException($"Program {id} no longer exists");
        var markers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOODY_PROGRAM_ID"] = program.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HOODY_PROGRAM_NAME"] = program.Name,
        };
        return LaunchBuilder.Build(program, port, paths, markers);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Boot tier {Priority} did not reach RUNNING in time; starting the next tier")]
    private static partial void LogTierSlow(ILogger logger, int priority);
}

internal sealed record StartOptions(bool Wait, TimeSpan Timeout, bool IfNotRunning);

internal enum StartOutcome
{
    Started,
    AlreadyRunning,
    AlreadyRunningAccepted,
    ExitedTooQuickly,
    TimedOut,
}

internal sealed record StartResult(StartOutcome Outcome, InstanceSnapshot Instance);
