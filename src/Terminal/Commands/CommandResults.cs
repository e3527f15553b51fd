using System.Collections.Concurrent;

namespace HoodyKit.Terminal.Commands;

/// <summary>Execute results by command id (1–65535, wrapping): the last 1000, for at most an hour.</summary>
internal sealed class CommandResults(TimeProvider time)
{
    private const int Keep = 1000;
    private static readonly TimeSpan s_maxAge = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<int, CommandRun> _runs = new();
    private readonly Lock _gate = new();
    private int _next;

    public CommandRun? Find(int id) => _runs.GetValueOrDefault(id);

    public IReadOnlyList<CommandRun> ForTerminal(int terminalId) =>
        [.. _runs.Values.Where(r => r.TerminalId == terminalId).OrderBy(r => r.StartedAt)];

    /// <summary>Registers a new command; null when the requested id belongs to a command still running.</summary>
    public CommandRun? Add(int? requestedId, int terminalId, string command)
    {
        lock (_gate)
        {
            Prune();
            int id;
            if (requestedId is { } wanted)
            {
                if (_runs.TryGetValue(wanted, out var existing) && !existing.IsFinished) return null;
                id = wanted;
            }
            else
            {
                do id = _next = _next % 65535 + 1;
                while (_runs.TryGetValue(id, out var busy) && !busy.IsFinished);
            }

            var run = new CommandRun(id, terminalId, command, time.GetUtcNow());
            _runs[id] = run;
            return run;
        }
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        var finished = _runs.Values.Where(r => r.IsFinished).OrderBy(r => r.StartedAt).ToList();
        var excess = Math.Max(0, _runs.Count - Keep);
        foreach (var run in finished.Where((r, i) => i < excess || now - r.StartedAt > s_maxAge))
            _runs.TryRemove(run.Id, out _);
    }
}
