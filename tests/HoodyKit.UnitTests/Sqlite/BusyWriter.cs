using HoodyKit.Sqlite.Storage;

namespace HoodyKit.UnitTests.Sqlite;

/// <summary>Keeps a database's writer busy (inside <see cref="DatabaseEntry.WriteAsync{T}"/>) until released, so queued writes wait behind it.</summary>
internal sealed class BusyWriter : IDisposable
{
    private readonly ManualResetEventSlim _release = new();
    private Task _holder = Task.CompletedTask;

    /// <summary>Returns once the writer is held.</summary>
    public static BusyWriter Hold(DatabaseEntry entry, CancellationToken ct)
    {
        var busy = new BusyWriter();
        using var held = new ManualResetEventSlim();
        busy._holder = Task.Run(() => entry.WriteAsync(_ =>
        {
            held.Set();
            busy._release.Wait(ct);
            return 0;
        }, ct), ct);
        held.Wait(ct);
        return busy;
    }

    /// <summary>Lets the writer go and waits until the holder has finished.</summary>
    public Task ReleaseAsync()
    {
        _release.Set();
        return _holder;
    }

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
    }
}
