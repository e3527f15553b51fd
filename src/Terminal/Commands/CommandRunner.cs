using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using HoodyKit.Core.Native;
using HoodyKit.Core.Threading;
using HoodyKit.Terminal.Native;
using HoodyKit.Terminal.Sessions;

namespace HoodyKit.Terminal.Commands;

/// <summary>
/// Runs execute requests (design/terminal.md §5). In a persistent session the command is written to a
/// 0600 script and one line sourcing it between nonce-carrying markers is typed at the prompt, so
/// <c>cd</c> sticks and the exit status is real; commands of one session run one after another. An
/// ephemeral execute gets its own PTY whose process is <c>&lt;shell&gt; -c command</c>, reaped with waitpid.
/// </summary>
internal sealed partial class CommandRunner(TerminalSessions sessions, CommandResults results, TimeProvider time,
    ILogger<CommandRunner> logger) : IDisposable
{
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_requestCap = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _queues = new();
    private readonly ConcurrentDictionary<int, CancellationTokenSource> _aborts = new();
    private readonly ConcurrentDictionary<int, bool> _aborted = new();
    private readonly CancellationTokenSource _stopping = new();

    public string ScriptDirectory { get; } = UnixUsers.IsRoot
        ? "/run/hoodykit/term"
        : Path.Combine(Path.GetTempPath(), $"hoodykit-term-{UnixUsers.EffectiveUserId}");

    /// <summary>Starts a command; with <c>Wait</c> returns once it settled (or at the 10-minute request cap).</summary>
    public async Task<ExecuteOutcome> ExecuteAsync(ExecuteRequest request, CancellationToken ct)
    {
        var spec = request.Session;
        var outcome = request.Ephemeral
            ? sessions.GetOrCreate(null, spec with { Ephemeral = true, RunCommand = request.Command })
            : sessions.GetOrCreate(request.TerminalId ?? 1, spec, request.Reset);
        if (outcome.Session is not { } session) return new ExecuteOutcome(null, outcome.Problem, outcome.SpawnFailed, false);
        var run = results.Add(request.CommandId, session.Id, request.Command);
        if (run is null) return new ExecuteOutcome(null, $"Command ID {request.CommandId} is already running", false, true);

        var abort = new CancellationTokenSource();
        _aborts[run.Id] = abort;
        var work = Detached.Run(() => request.Ephemeral
            ? RunEphemeralAsync(session, run, request.Timeout, abort.Token)
            : RunPersistentAsync(session, run, request, abort.Token));
        _ = ObserveAsync(work, run);
        if (request.Wait)
        {
            try
            {
                await run.Finished.WaitAsync(s_requestCap, ct);
            }
            catch (TimeoutException)
            {
                // the 10-minute request cap: answer with the current state; the command keeps running
            }
        }

        return new ExecuteOutcome(run, null, false, false);
    }

    /// <summary>Graceful: ^C through the line discipline. Force: SIGKILL to the foreground job, never the shell.</summary>
    public async Task<CommandRun?> AbortAsync(int id, bool force)
    {
        if (results.Find(id) is not { } run) return null;
        if (run.IsFinished) return run;
        _aborted[id] = true;
        if (sessions.Find(run.TerminalId) is { } session)
        {
            if (force && !session.KillForegroundJob()) session.Interrupt();
            else if (!force) session.Write("\x03"u8);
        }

        if (_aborts.TryGetValue(id, out var abort)) abort.CancelAfter(s_grace);
        await run.Finished.WaitAsync(s_grace + s_grace);
        return run;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        foreach (var queue in _queues.Values) queue.Dispose();
    }

    private async Task RunPersistentAsync(TerminalSession session, CommandRun run, ExecuteRequest request, CancellationToken abort)
    {
        var queue = _queues.GetOrAdd(session.Id, _ => new SemaphoreSlim(1, 1));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort, _stopping.Token);
        if (request.Timeout > TimeSpan.Zero) timeout.CancelAfter(request.Timeout);
        string? script = null;
        var capture = new MarkerCapture(run.Id, run.Nonce);
        var queued = false;
        try
        {
            await queue.WaitAsync(timeout.Token);
            queued = true;
            while (!session.IsAtPrompt)
            {
                if (!session.IsRunning) throw new InvalidOperationException("The terminal's shell has exited");
                await Task.Delay(TimeSpan.FromMilliseconds(20), time, timeout.Token);
            }

            script = WriteScript(session, run, request);
            session.Capture(capture.Append);
            run.MarkRunning();
            var marker = $"{run.Id};{run.Nonce}";
            session.Write(Encoding.UTF8.GetBytes(
                $" printf '\\033]6973;S;{marker}\\007'; . '{script}'; printf '\\033]6973;E;{marker};%d\\007' $?\r"));
            var code = await capture.Ended.WaitAsync(timeout.Token);
            var aborted = _aborted.ContainsKey(run.Id);
            run.Finish(aborted ? "aborted" : "completed", capture.Output(), aborted ? null : code, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var aborted = _aborted.ContainsKey(run.Id);
            if (!aborted) await InterruptAsync(session, capture);
            run.Finish(aborted ? "aborted" : "timeout", capture.Output(), null, time.GetUtcNow());
            // An interrupt can land while the shell is still reading the injected line, leaving part of it (an
            // open quote) in the input: one more ^C gives the next command a clean prompt.
            await CleanPromptAsync(session);
        }
        finally
        {
            session.Capture(null);
            if (script is not null) File.Delete(script);
            if (queued) queue.Release();
        }
    }

    /// <summary>Timeout: ^C, then SIGKILL to the foreground job after a grace period, until the shell is back.</summary>
    private async Task InterruptAsync(TerminalSession session, MarkerCapture capture)
    {
        session.Write("\x03"u8);
        if (await BackAtPromptAsync(session, capture)) return;
        session.KillForegroundJob();
        await BackAtPromptAsync(session, capture);
    }

    /// <summary>^C, then waits (at most 500 ms) for the shell to redraw its prompt, so the next line is not swallowed.</summary>
    private async Task CleanPromptAsync(TerminalSession session)
    {
        var changed = session.NextChange;
        session.Write("\x03"u8);
        var deadline = time.GetUtcNow() + TimeSpan.FromMilliseconds(500);
        try
        {
            await changed.WaitAsync(TimeSpan.FromMilliseconds(500), time);
            while (time.GetUtcNow() < deadline && time.GetUtcNow() - session.LastChange < TimeSpan.FromMilliseconds(30))
                await Task.Delay(TimeSpan.FromMilliseconds(10), time);
        }
        catch (TimeoutException)
        {
            // nothing redrawn: the shell may be gone; the next command finds out
        }
    }

    /// <summary>Waits up to the grace period for the end marker, or for the shell to hold the foreground again (^C skips the marker).</summary>
    private async Task<bool> BackAtPromptAsync(TerminalSession session, MarkerCapture capture)
    {
        var deadline = time.GetUtcNow() + s_grace;
        while (time.GetUtcNow() < deadline)
        {
            if (capture.Ended.IsCompleted || session.IsAtPrompt || !session.IsRunning) return true;
            await Task.Delay(TimeSpan.FromMilliseconds(20), time);
        }

        return false;
    }

    private async Task RunEphemeralAsync(TerminalSession session, CommandRun run, TimeSpan limit, CancellationToken abort)
    {
        run.MarkRunning();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort, _stopping.Token);
        if (limit > TimeSpan.Zero) timeout.CancelAfter(limit);
        try
        {
            var code = await session.Exited.WaitAsync(timeout.Token);
            var aborted = _aborted.ContainsKey(run.Id);
            run.Finish(aborted ? "aborted" : "completed", Output(session), aborted || code < 0 ? null : code, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            session.Interrupt(); // the finally below hangs up and kills what is left
            run.Finish(_aborted.ContainsKey(run.Id) ? "aborted" : "timeout", Output(session), null, time.GetUtcNow());
        }
        finally
        {
            sessions.Delete(session.Id);
        }
    }

    private static string Output(TerminalSession session) => TerminalText.Plain(session.Output.Snapshot());

    /// <summary>The command in a 0600 script owned by the shell's user, in a 0711 folder.</summary>
    private string WriteScript(TerminalSession session, CommandRun run, ExecuteRequest request)
    {
        Directory.CreateDirectory(ScriptDirectory);
        File.SetUnixFileMode(ScriptDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var path = Path.Combine(ScriptDirectory, $"{session.Id}-{run.Id}-{run.Nonce}.sh");
        var body = new StringBuilder();
        if (request.WorkingDirectory is { } cwd) body.Append("cd -- '").Append(cwd.Replace("'", "'\\''", StringComparison.Ordinal)).Append("' || return $?\n");
        foreach (var (key, value) in request.Environment)
            body.Append("export ").Append(key).Append("='").Append(value.Replace("'", "'\\''", StringComparison.Ordinal)).Append("'\n");
        body.Append(request.Command).Append('\n');
        File.WriteAllText(path, body.ToString());
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (session.UserId != UnixUsers.EffectiveUserId) PtyNative.Chown(path, session.UserId, session.GroupId);
        return path;
    }

    /// <summary>Settles a command whose runner failed unexpectedly, and logs why (never lost).</summary>
    private async Task ObserveAsync(Task work, CommandRun run)
    {
        try
        {
            await work;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            LogFailed(logger, ex, run.Id);
            run.Finish("failed", run.Snapshot().Output + ex.Message, null, time.GetUtcNow());
        }
        finally
        {
            if (_aborts.TryRemove(run.Id, out var abort)) abort.Dispose();
            _aborted.TryRemove(run.Id, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, int commandId);
}

/// <summary>A validated execute request.</summary>
internal sealed record ExecuteRequest(
    string Command,
    int? TerminalId,
    int? CommandId,
    bool Ephemeral,
    bool Reset,
    bool Wait,
    TimeSpan Timeout,
    string? WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    SessionSpec Session);

/// <summary>The command started (and maybe finished), or why not.</summary>
internal sealed record ExecuteOutcome(CommandRun? Run, string? Problem, bool SpawnFailed, bool Conflict);

internal static class CommandIds
{
    public static bool TryParse(string? text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id is >= 1 and <= 65535;
}
