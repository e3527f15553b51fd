using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using HoodyKit.Core.Health;
using HoodyKit.Core.State;
using HoodyKit.Core.Threading;
using HoodyKit.Daemon.Supervisor.Processes;
using HoodyKit.Daemon.Supervisor.Programs;
using HoodyKit.Daemon.Supervisor.Running;
using Microsoft.Extensions.Options;

namespace HoodyKit.Daemon.Supervisor.QuickStart;

/// <summary>
/// Ephemeral programs (<c>quick_&lt;unix-seconds&gt;</c>): never stored in programs.json, never autostarted.
/// They end on stop (removed at once), on TTL expiry (TERM→KILL, removed), or by exiting (kept as
/// <c>stopped</c> with their logs for a grace period, then removed). <c>ephemeral.json</c> tracks their pids
/// so a daemon restarted after a crash kills what the previous one left running.
/// </summary>
internal sealed partial class QuickStarts(ProgramPaths paths, ProcessLauncher launcher, ProcessTree tree,
    IOptions<DaemonOptions> options, TimeProvider time, StateChanges changes, ILogger<QuickStarts> logger) : IDisposable
{
    private static readonly string s_bootId = ReadBootId();
    private readonly ConcurrentDictionary<string, QuickStartEntry> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly SemaphoreSlim _journal = new(1, 1);

    public int Count => _entries.Count;

    public async Task<Outcome<QuickStartReply>> LaunchAsync(JsonObject body, CancellationToken ct)
    {
        QuickStartEntry entry;
        await _launch.WaitAsync(ct);
        try
        {
            var seconds = time.GetUtcNow().ToUnixTimeSeconds();
            while (_entries.ContainsKey(Id(seconds))) seconds++;
            var id = Id(seconds);
            var parsed = QuickStartRequest.Parse(body, paths, command => $"quick_{Basename(command)}_{seconds}");
            if (parsed.Failure is { } failure) return failure;
            var request = parsed.Value!;
            var created = time.GetUtcNow();
            entry = new QuickStartEntry(id, request.Program, created, request.Ttl is { } ttl ? created + ttl : null);
            var runtime = new InstanceRuntime(options.Value, launcher, tree, time, logger, change => OnChange(entry, change));
            var markers = new Dictionary<string, string>(StringComparer.Ordinal) { ["HOODY_QUICK_START"] = id };
            entry.Instance = new ProgramInstance(request.Program.Name, null, runtime,
                () => LaunchBuilder.Build(entry.Program, null, paths, new Dictionary<string, string>(markers)));
            _entries[id] = entry;
            if (entry.ExpiresAt is not null)
                entry.Expiry = time.CreateTimer(_ => Background(() => ExpireAsync(entry)), null, request.Ttl!.Value, Timeout.InfiniteTimeSpan);
            await entry.Instance.StartAsync(TimeSpan.FromSeconds(request.Program.DelaySeconds), ct);
            if (request.Wait)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(request.Timeout);
                try
                {
                    if (!await entry.Instance.WaitUntilRunningAsync(timeout.Token))
                    {
                        var code = entry.Instance.Snapshot().ExitCode;
                        return Failure.Conflict($"Program exited too quickly (exit code {code?.ToString(CultureInfo.InvariantCulture) ?? "unknown"})");
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    return new Failure(FailureKind.Timeout,
                        $"Timeout waiting for program to reach RUNNING state (current: {entry.Instance.Snapshot().State.Upper()})");
                }
            }
        }
        finally
        {
            _launch.Release();
        }

        await WriteJournalAsync(ct);
        return Reply(entry);
    }

    public IReadOnlyList<EphemeralProgramView> List() =>
        [.. _entries.Values.OrderBy(e => e.CreatedAt).Select(View)];

    public QuickStartReply? Status(string id) => _entries.TryGetValue(id, out var entry) ? Reply(entry) : null;

    public ProgramConfigLogs? Logs(string id) =>
        _entries.TryGetValue(id, out var entry) ? new ProgramConfigLogs(entry.Program.LogsEnabled, entry.Program.StdoutLogfile!, entry.Program.StderrLogfile!) : null;

    /// <summary>Stops the program and removes it with its logs at once; false when there is no such quick-start.</summary>
    public async Task<bool> StopAsync(string id)
    {
        if (!_entries.TryRemove(id, out var entry)) return false;
        await CleanUpAsync(entry);
        await WriteJournalAsync(CancellationToken.None);
        return true;
    }

    /// <summary>At start: kills what a previous daemon of this boot left running, then forgets every entry.</summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        var read = await JsonStateFile.ReadAsync(paths.EphemeralFile, DaemonStateJsonContext.Default.ListEphemeralRecord, time, ct);
        foreach (var record in read.Value ?? [])
        {
            if (record.BootId != s_bootId || record.Pid is not { } pid || record.Marker is not { } marker) continue;
            if (ProcessTree.Members(pid, marker).Count == 0) continue;
            LogKillingSurvivor(logger, record.TemporaryId, pid);
            await tree.StopAsync(pid, marker, Native.LibC.SIGTERM, options.Value.StopWait, ct);
        }

        await JsonStateFile.WriteAsync(paths.EphemeralFile, [], DaemonStateJsonContext.Default.ListEphemeralRecord, ct);
    }

    public async Task ShutdownAsync()
    {
        foreach (var id in _entries.Keys.ToList())
            if (_entries.TryRemove(id, out var entry)) await CleanUpAsync(entry, deleteLogs: false);
        await WriteJournalAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _launch.Dispose();
        _journal.Dispose();
        foreach (var entry in _entries.Values) entry.DisposeTimers();
    }

    private void OnChange(QuickStartEntry entry, StateChange change)
    {
        changes.Publish(change);
        if (change.To is ProgramState.Running) Background(() => WriteJournalAsync(CancellationToken.None));
        if (change.To is ProgramState.Exited or ProgramState.Fatal)
        {
            entry.Grace?.Dispose();
            entry.Grace = time.CreateTimer(_ => Background(() => RemoveIfSettledAsync(entry)), null, options.Value.QuickStartGrace, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Runs timer-driven work off the timer thread; a failure is logged, never lost.</summary>
    private void Background(Func<Task> work) => _ = Detached.Run(async () =>
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException)
        {
            LogBackgroundFailed(logger, ex);
        }
    });

    private async Task RemoveIfSettledAsync(QuickStartEntry entry)
    {
        if (entry.Instance.Snapshot().State.IsActive()) return;
        if (_entries.TryRemove(new KeyValuePair<string, QuickStartEntry>(entry.Id, entry))) await CleanUpAsync(entry);
        await WriteJournalAsync(CancellationToken.None);
    }

    private async Task ExpireAsync(QuickStartEntry entry)
    {
        LogExpired(logger, entry.Id);
        if (_entries.TryRemove(new KeyValuePair<string, QuickStartEntry>(entry.Id, entry))) await CleanUpAsync(entry);
        await WriteJournalAsync(CancellationToken.None);
    }

    private static async Task CleanUpAsync(QuickStartEntry entry, bool deleteLogs = true)
    {
        entry.DisposeTimers();
        await entry.Instance.StopAsync();
        entry.Instance.Dispose();
        if (!deleteLogs) return;
        foreach (var log in new[] { entry.Program.StdoutLogfile, entry.Program.StderrLogfile }.OfType<string>())
            foreach (var file in Directory.Exists(Path.GetDirectoryName(log)) ? Directory.GetFiles(Path.GetDirectoryName(log)!, Path.GetFileName(log) + "*") : [])
                File.Delete(file);
    }

    /// <summary>Rewrites ephemeral.json; a failure is logged, never fatal (the journal only helps crash recovery).</summary>
    private async Task WriteJournalAsync(CancellationToken ct)
    {
        var records = _entries.Values.Select(e =>
        {
            var s = e.Instance.Snapshot();
            return new EphemeralRecord(e.Id, e.Program.Name, s.Pid, s.Marker, s_bootId, ProcessFacts.Iso(e.CreatedAt));
        }).ToList();
        await _journal.WaitAsync(ct);
        try
        {
            await JsonStateFile.WriteAsync(paths.EphemeralFile, records, DaemonStateJsonContext.Default.ListEphemeralRecord, ct);
        }
        catch (IOException ex)
        {
            LogJournalFailed(logger, ex);
        }
        finally
        {
            _journal.Release();
        }
    }

    private QuickStartReply Reply(QuickStartEntry entry)
    {
        var s = entry.Instance.Snapshot();
        return new QuickStartReply(true, entry.Id, entry.Program.Name, entry.Program.Display, PublicState(s.State), s.Pid,
            Uptime(s), s.ExitCode, ProcessFacts.Iso(entry.CreatedAt), entry.ExpiresAt is { } at ? ProcessFacts.Iso(at) : null);
    }

    private EphemeralProgramView View(QuickStartEntry entry)
    {
        var s = entry.Instance.Snapshot();
        var p = entry.Program;
        return new EphemeralProgramView(entry.Id, p.Name, p.Command, p.User, p.StdoutLogfile, p.StderrLogfile, p.LogsEnabled, p.LogMaxBytes,
            p.LogBackups, p.Display, PublicState(s.State), s.Pid, Uptime(s), s.ExitCode, ProcessFacts.Iso(entry.CreatedAt),
            entry.ExpiresAt is { } at ? ProcessFacts.Iso(at) : null);
    }

    private string? Uptime(InstanceSnapshot s) =>
        s.State == ProgramState.Running && s.StartedAt is { } since ? Supervisor.Uptime.Format(time.GetUtcNow() - since) : null;

    /// <summary>Lowercase, and an exited program is "stopped" (the contract has no "exited").</summary>
    private static string PublicState(ProgramState state) => state == ProgramState.Exited ? "stopped" : state.Lower();

    private static string Id(long seconds) => "quick_" + seconds.ToString(CultureInfo.InvariantCulture);

    private static string Basename(string command)
    {
        var first = CommandBuilder.Split(command) is [var word, ..] ? word : command.Split(' ')[0];
        var name = Path.GetFileName(first);
        return name.Length == 0 || name.Contains('"', StringComparison.Ordinal) || name.Contains('\'', StringComparison.Ordinal) ? "cmd" : name;
    }

    private static string ReadBootId()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Quick-start {Id} reached its TTL; stopping it")]
    private static partial void LogExpired(ILogger logger, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quick-start {Id} (pid {Pid}) outlived the previous daemon; stopping it")]
    private static partial void LogKillingSurvivor(ILogger logger, string id, int pid);

    [LoggerMessage(Level = LogLevel.Error, Message = "Quick-start housekeeping failed")]
    private static partial void LogBackgroundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write ephemeral.json")]
    private static partial void LogJournalFailed(ILogger logger, Exception exception);
}

/// <summary>Where a quick-start's logs are.</summary>
internal sealed record ProgramConfigLogs(bool Enabled, string Stdout, string Stderr);
