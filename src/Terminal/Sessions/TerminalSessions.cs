using System.Collections.Concurrent;
using HoodyKit.Terminal.Pty;
using Microsoft.Extensions.Options;

namespace HoodyKit.Terminal.Sessions;

/// <summary>The terminal sessions of this container, by id (1–65535; ephemeral ones 40000–65535).</summary>
internal sealed partial class TerminalSessions(TimeProvider time, IOptions<TerminalOptions> options, DesktopLauncher desktops,
    ILogger<TerminalSessions> logger) : IDisposable
{
    public const int EphemeralFirst = 40000;
    private readonly ConcurrentDictionary<int, TerminalSession> _sessions = new();
    private readonly Lock _create = new();

    public TerminalSession? Find(int id) => _sessions.GetValueOrDefault(id);

    public IReadOnlyList<TerminalSession> List() => [.. _sessions.Values.OrderBy(s => s.Id)];

    /// <summary>
    /// The session <paramref name="id"/>, started from <paramref name="spec"/> when it does not exist (or
    /// when <paramref name="reset"/>); an exited session is respawned. Null id: a free ephemeral id.
    /// </summary>
    public SessionOutcome GetOrCreate(int? id, SessionSpec spec, bool reset = false)
    {
        lock (_create)
        {
            var terminalId = id ?? FreeEphemeralId();
            if (terminalId == 0) return SessionOutcome.Fail("No free terminal id");
            if (_sessions.TryGetValue(terminalId, out var existing))
            {
                if (!reset)
                {
                    if (existing.IsRunning) return new SessionOutcome(existing, Created: false, null);
                    var (respawnPlan, respawnProblem) = ShellCommand.Plan(terminalId, existing.Spec);
                    if (respawnPlan is null) return SessionOutcome.Fail(respawnProblem!);
                    existing.Respawn(respawnPlan);
                    return new SessionOutcome(existing, Created: true, null);
                }

                _sessions.TryRemove(terminalId, out _);
                existing.Dispose();
            }

            if (!options.Value.UrlArguments) spec = spec with { Arguments = [] };
            if (desktops.Problem(spec) is { } desktopProblem) return SessionOutcome.Fail(desktopProblem);
            var (plan, problem) = ShellCommand.Plan(terminalId, spec);
            if (plan is null) return SessionOutcome.Fail(problem!);
            try
            {
                var session = new TerminalSession(terminalId, spec, plan, time);
                _sessions[terminalId] = session;
                desktops.Start(terminalId, spec, plan);
                LogCreated(logger, terminalId, plan.ShellType, session.Pid ?? 0);
                return new SessionOutcome(session, Created: true, null);
            }
            catch (PtySpawnException ex)
            {
                LogSpawnFailed(logger, terminalId, ex.Message);
                return new SessionOutcome(null, false, ex.Message, SpawnFailed: true);
            }
        }
    }

    /// <summary>Kills the session's process group and forgets it; false when there is no such session.</summary>
    public bool Delete(int id)
    {
        if (!_sessions.TryRemove(id, out var session)) return false;
        session.Dispose();
        SshCommand.Forget(id);
        if (session.ShellType == "tmux") TmuxSessions.Kill(id, session.UserId, session.GroupId, logger);
        return true;
    }

    public void Dispose()
    {
        foreach (var id in _sessions.Keys.ToList()) Delete(id);
    }

    private int FreeEphemeralId()
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var candidate = Random.Shared.Next(EphemeralFirst, 65536);
            if (!_sessions.ContainsKey(candidate)) return candidate;
        }

        return 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Terminal {TerminalId} started ({Shell}, pid {Pid})")]
    private static partial void LogCreated(ILogger logger, int terminalId, string shell, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Terminal {TerminalId} could not start: {Reason}")]
    private static partial void LogSpawnFailed(ILogger logger, int terminalId, string reason);
}

/// <summary>The session, whether it was (re)started now, or why it could not be.</summary>
internal sealed record SessionOutcome(TerminalSession? Session, bool Created, string? Problem, bool SpawnFailed = false)
{
    public static SessionOutcome Fail(string problem) => new(null, false, problem);
}
