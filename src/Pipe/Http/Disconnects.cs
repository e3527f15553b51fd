namespace HoodyKit.Pipe.Http;

/// <summary>What a party's connection throws when it goes away mid-request (reset, abort, cancelled or completed I/O).</summary>
internal static class Disconnects
{
    public static bool Is(Exception ex) =>
        ex is IOException or OperationCanceledException or InvalidOperationException or ObjectDisposedException;
}
