using Microsoft.Extensions.Options;

namespace HoodyKit.Pipe.Progress;

/// <summary>Counts progress spectators: at most so many per path and so many watched paths.</summary>
internal sealed class SpectatorGate(IOptions<PipeOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _watchers = new(StringComparer.Ordinal);

    public bool TryEnter(string key)
    {
        lock (_gate)
        {
            _watchers.TryGetValue(key, out var count);
            if (count == 0 && _watchers.Count >= options.Value.MaxSpectatorGroups) return false;
            if (count >= options.Value.MaxSpectatorsPerPath) return false;
            _watchers[key] = count + 1;
            return true;
        }
    }

    public void Exit(string key)
    {
        lock (_gate)
        {
            if (!_watchers.TryGetValue(key, out var count)) return;
            if (count <= 1) _watchers.Remove(key);
            else _watchers[key] = count - 1;
        }
    }
}
