using System.Collections.Concurrent;
using HoodyKit.Core.Integration;

namespace HoodyKit.ApiTests.Infrastructure;

/// <summary>A display module stand-in for the terminal: every display answers <paramref name="answer"/> at once; the calls are recorded.</summary>
internal sealed class FakeDisplays(DisplayReadiness answer) : IDisplayReadiness
{
    private readonly ConcurrentQueue<(int, TimeSpan)> _calls = new();

    public IReadOnlyList<(int Number, TimeSpan Timeout)> Calls => [.. _calls];

    public ValueTask<DisplayReadiness> WaitAsync(int number, TimeSpan timeout, CancellationToken ct)
    {
        _calls.Enqueue((number, timeout));
        return ValueTask.FromResult(answer);
    }
}
