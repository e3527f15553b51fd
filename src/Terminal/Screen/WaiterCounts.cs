using System.Collections.Concurrent;

namespace HoodyKit.Terminal.Screen;

/// <summary>Active <c>/wait</c> calls per session (at most 16 each), for the automation state and metrics.</summary>
internal sealed class WaiterCounts
{
    public const int MaxPerSession = 16;
    private readonly ConcurrentDictionary<int, int> _counts = new();

    public int Total => _counts.Values.Sum();

    public int For(int terminalId) => _counts.GetValueOrDefault(terminalId);

    /// <summary>Registers a waiter; false when the session already has the maximum.</summary>
    public bool TryEnter(int terminalId)
    {
        while (true)
        {
            if (!_counts.TryGetValue(terminalId, out var current))
            {
                if (_counts.TryAdd(terminalId, 1)) return true;
                continue;
            }

            if (current >= MaxPerSession) return false;
            if (_counts.TryUpdate(terminalId, current + 1, current)) return true;
        }
    }

    public void Leave(int terminalId) => _counts.AddOrUpdate(terminalId, 0, (_, n) => Math.Max(0, n - 1));
}
