namespace HoodyKit.Daemon.Hosting;

/// <summary>
/// Decides when the host should hand its free managed memory back to the OS: after a burst of work
/// (at least <see cref="WorthTrimmingBytes"/> allocated since the last trim) once the process has gone
/// quiet (less than <see cref="QuietBytes"/> allocated during the last sampling period). The GC keeps
/// the memory a burst committed until its next collection, and an idle supervisor allocates too little
/// to ever trigger one; this closes that gap without touching the hot path.
/// </summary>
internal sealed class IdleTrimPolicy(long worthTrimmingBytes = IdleTrimPolicy.DefaultWorthTrimmingBytes, long quietBytes = IdleTrimPolicy.DefaultQuietBytes)
{
    public const long DefaultWorthTrimmingBytes = 2 * 1024 * 1024;
    public const long DefaultQuietBytes = 256 * 1024;

    private long? _previousSample;
    private long _lastTrim;

    public long WorthTrimmingBytes { get; } = worthTrimmingBytes;

    public long QuietBytes { get; } = quietBytes;

    /// <summary>Takes one sample of the process's total allocated bytes; true when a trim is due now.</summary>
    public bool ShouldTrim(long totalAllocated)
    {
        var previous = _previousSample;
        _previousSample = totalAllocated;
        if (previous is null)
        {
            _lastTrim = totalAllocated;
            return false;
        }
        var quiet = totalAllocated - previous.Value < QuietBytes;
        if (!quiet || totalAllocated - _lastTrim < WorthTrimmingBytes) return false;
        _lastTrim = totalAllocated;
        return true;
    }
}
