using System.ComponentModel;
using HoodyKit.Core.Threading;
using HoodyKit.Daemon.Native;
using HoodyKit.Daemon.Supervisor.Processes;

namespace HoodyKit.Daemon.Supervisor.Running;

/// <summary>
/// One supervised process slot (a program, one port of a port-range program, or a quick-start) and its
/// state machine. Start and stop are serialized, so concurrent starts spawn exactly one process. A
/// lifecycle task owns the process: it spawns, promotes to RUNNING after startsecs, retries failed starts
/// (1, 2, 3 s, then FATAL), restarts crashes of a program that had been RUNNING with capped exponential
/// delays (the first at once), and on stop kills the whole tree.
/// </summary>
internal sealed partial class ProgramInstance(string name, int? port, InstanceRuntime runtime, Func<InstanceLaunch> launch) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _control = new(1, 1);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stop;
    private Task _lifecycle = Task.CompletedTask;
    private SpawnedProcess? _process;
    private ProgramState _state = ProgramState.Stopped;
    private DateTimeOffset? _stoppedAt;
    private DateTimeOffset? _nextRetryAt;
    private int _restarts;
    private int? _exitCode;
    private string? _spawnError;

    public string Name => name;

    public int? Port => port;

    /// <summary>Releases the locks; call after <see cref="StopAsync"/>.</summary>
    public void Dispose()
    {
        _control.Dispose();
        _stop?.Dispose();
    }

    public InstanceSnapshot Snapshot()
    {
        lock (_gate)
        {
            var alive = _state is ProgramState.Running or ProgramState.Starting or ProgramState.Stopping && _process is not null;
            return new InstanceSnapshot(name, port, _state, alive ? _process!.Pid : null, alive ? _process!.StartedAt : null,
                _stoppedAt, _nextRetryAt, _restarts, _exitCode, _spawnError, alive ? _process!.Marker : null);
        }
    }

    /// <summary>Starts unless already active; false (and nothing spawned) when it was active.</summary>
    public async Task<bool> StartAsync(TimeSpan delay, CancellationToken ct)
    {
        await _control.WaitAsync(ct);
        try
        {
            if (Snapshot().State.IsActive()) return false;
            await _lifecycle; // a previous lifecycle has fully finished (it always ends by itself once settled)
            _stop?.Dispose();
            _stop = new CancellationTokenSource();
            _spawnError = null;
            Transition(ProgramState.Starting);
            var token = _stop.Token;
            _lifecycle = Detached.Run(() => RunAsync(delay, token));
            return true;
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>Stops the process tree (TERM, grace, KILL) and cancels pending retries; idempotent.</summary>
    public async Task StopAsync()
    {
        await _control.WaitAsync();
        try
        {
            if (_stop is { } stop) await stop.CancelAsync();
            await _lifecycle;
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>Waits until the instance is RUNNING (true) or has settled without running (false).</summary>
    public async Task<bool> WaitUntilRunningAsync(CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_state == ProgramState.Running) return true;
                if (_state is ProgramState.Fatal or ProgramState.Stopped or ProgramState.Exited or ProgramState.Backoff) return false;
                changed = _changed.Task;
            }

            await changed.WaitAsync(ct);
        }
    }

    private async Task RunAsync(TimeSpan delay, CancellationToken ct)
    {
        var options = runtime.Options;
        var failedStarts = 0;
        var crashLevel = 0;
        var userStart = true;
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, runtime.Time, ct);
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                Transition(ProgramState.Starting);
                var runningSince = await SpawnAndWatchAsync(ct);
                if (runningSince is null)
                {
                    failedStarts++;
                    if (userStart && failedStarts > options.StartRetries)
                    {
                        Transition(ProgramState.Fatal);
                        return;
                    }

                    var wait = userStart ? TimeSpan.FromSeconds(failedStarts) : CrashDelay(ref crashLevel);
                    await BackoffAsync(wait, ct);
                    continue;
                }

                var exitCode = await WaitForExitAsync(ct);
                Transition(ProgramState.Exited);
                if (!ShouldRestart(launch().Autorestart, exitCode)) return;
                userStart = false;
                if (runtime.Time.GetUtcNow() - runningSince.Value >= options.MaxRestartDelay) crashLevel = 0;
                lock (_gate) _restarts++;
                var pause = CrashDelay(ref crashLevel);
                if (pause > TimeSpan.Zero) await BackoffAsync(pause, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await KillCurrentAsync();
            Transition(ProgramState.Stopped);
        }
        catch (Exception ex)
        {
            LogLifecycleFailed(runtime.Logger, ex, name);
            await KillCurrentAsync();
            lock (_gate) _spawnError = ex.Message;
            Transition(ProgramState.Fatal);
        }
    }

    /// <summary>Spawns and waits startsecs: the time RUNNING began, or null when the start failed.</summary>
    private async Task<DateTimeOffset?> SpawnAndWatchAsync(CancellationToken ct)
    {
        SpawnedProcess process;
        try
        {
            var current = launch();
            process = runtime.Launcher.Spawn(current.Spec, current.Markers);
        }
        catch (Exception ex) when (ex is Win32Exception or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            lock (_gate) _spawnError = ex.Message;
            LogSpawnFailed(runtime.Logger, name, ex.Message);
            return null;
        }

        lock (_gate)
        {
            _process = process;
            _exitCode = null;
        }

        Transition(ProgramState.Starting);
        var window = Task.Delay(runtime.Options.StartSeconds, runtime.Time, ct);
        await Task.WhenAny(process.Exited, window);
        ct.ThrowIfCancellationRequested();
        if (process.Exited.IsCompleted)
        {
            await FinishProcessAsync(process, ct);
            return null;
        }

        Transition(ProgramState.Running);
        return runtime.Time.GetUtcNow();
    }

    private async Task<int> WaitForExitAsync(CancellationToken ct)
    {
        SpawnedProcess process;
        lock (_gate) process = _process!;
        await process.Exited.WaitAsync(ct);
        return await FinishProcessAsync(process, ct);
    }

    /// <summary>Records the exit and kills what the process left behind (children keep ports and pipes).</summary>
    private async Task<int> FinishProcessAsync(SpawnedProcess process, CancellationToken ct)
    {
        var code = await process.Exited;
        await runtime.Tree.KillLeftoversAsync(process.Pid, process.Marker, ct);
        lock (_gate)
        {
            _exitCode = code;
            _stoppedAt = runtime.Time.GetUtcNow();
            if (ReferenceEquals(_process, process)) _process = null;
        }

        await process.DisposeAsync();
        return code;
    }

    private async Task KillCurrentAsync()
    {
        SpawnedProcess? process;
        lock (_gate) process = _process;
        if (process is null) return;
        if (!process.Exited.IsCompleted)
        {
            Transition(ProgramState.Stopping);
            await runtime.Tree.StopAsync(process.Pid, process.Marker, LibC.SIGTERM, runtime.Options.StopWait, CancellationToken.None);
        }

        await FinishProcessAsync(process, CancellationToken.None);
    }

    private async Task BackoffAsync(TimeSpan wait, CancellationToken ct)
    {
        lock (_gate) _nextRetryAt = runtime.Time.GetUtcNow() + wait;
        Transition(ProgramState.Backoff);
        await Task.Delay(wait, runtime.Time, ct);
        lock (_gate) _nextRetryAt = null;
    }

    /// <summary>0 for the first crash after a stable run, then 1, 2, 4 … s up to the cap.</summary>
    private TimeSpan CrashDelay(ref int level)
    {
        var delay = level == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Pow(2, level - 1));
        level++;
        return delay < runtime.Options.MaxRestartDelay ? delay : runtime.Options.MaxRestartDelay;
    }

    private static bool ShouldRestart(string autorestart, int exitCode) => autorestart switch
    {
        "true" => true,
        "false" => false,
        _ => exitCode != 0,
    };

    private void Transition(ProgramState to)
    {
        ProgramState from;
        TaskCompletionSource changed;
        lock (_gate)
        {
            from = _state;
            _state = to;
            if (to == ProgramState.Stopped) _process = null;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        if (from != to) runtime.OnChange(new StateChange(from, to, Snapshot(), runtime.Time.GetUtcNow()));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Program {Name} could not be spawned: {Reason}")]
    private static partial void LogSpawnFailed(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Supervision of {Name} failed")]
    private static partial void LogLifecycleFailed(ILogger logger, Exception exception, string name);
}

/// <summary>What a spawn needs, read from the program's current configuration.</summary>
internal sealed record InstanceLaunch(LaunchSpec Spec, IReadOnlyDictionary<string, string> Markers, string Autorestart);

/// <summary>The shared services every instance uses.</summary>
internal sealed record InstanceRuntime(DaemonOptions Options, ProcessLauncher Launcher, ProcessTree Tree, TimeProvider Time,
    ILogger Logger, Action<StateChange> OnChange);
