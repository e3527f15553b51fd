using System.Collections.Concurrent;

namespace HoodyKit.Core.Metrics;

/// <summary>Request counters per service, fed by the request-logging middleware.</summary>
public sealed class KitMetrics
{
    private readonly ConcurrentDictionary<RequestKey, RequestCounter> _requests = new();

    public void Record(string service, string method, int status, TimeSpan elapsed)
    {
        var counter = _requests.GetOrAdd(new RequestKey(service, method, status), static _ => new RequestCounter());
        counter.Add(elapsed);
    }

    /// <summary>A snapshot of one service's counters.</summary>
    public IReadOnlyList<RequestSample> Snapshot(string service) =>
        [.. _requests.Where(p => p.Key.Service == service)
            .OrderBy(p => p.Key.Method, StringComparer.Ordinal).ThenBy(p => p.Key.Status)
            .Select(p => new RequestSample(p.Key.Method, p.Key.Status, p.Value.Count, p.Value.Seconds))];

    private readonly record struct RequestKey(string Service, string Method, int Status);

    private sealed class RequestCounter
    {
        private readonly Lock _gate = new();
        private long _count;
        private double _seconds;

        public long Count { get { lock (_gate) { return _count; } } }

        public double Seconds { get { lock (_gate) { return _seconds; } } }

        public void Add(TimeSpan elapsed)
        {
            lock (_gate)
            {
                _count++;
                _seconds += elapsed.TotalSeconds;
            }
        }
    }
}

public sealed record RequestSample(string Method, int Status, long Count, double Seconds);
