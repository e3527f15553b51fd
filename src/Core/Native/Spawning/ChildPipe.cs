using System.IO.Pipes;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HoodyKit.Core.Native.Spawning;

/// <summary>
/// A pipe from a child to us: both ends close-on-exec (so no other child inherits them), the write end handed to
/// the child by a <see cref="SpawnDup"/> and closed here once it is spawned, the read end as an async stream.
/// </summary>
public sealed unsafe class ChildPipe : IDisposable
{
    private readonly SafePipeHandle _read;
    private int _write;
    private bool _readerTaken;

    public ChildPipe()
    {
        var fds = stackalloc int[2];
        if (SpawnNative.Pipe2(fds, SpawnNative.O_CLOEXEC) != 0)
            throw new SpawnException($"pipe2 failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        _read = new SafePipeHandle(AboveStandardFds(fds[0]), ownsHandle: true);
        _write = AboveStandardFds(fds[1]);
    }

    /// <summary>The write end's descriptor number in this process, for <see cref="SpawnDup"/>.</summary>
    public int WriteFd => _write;

    /// <summary>Closes our copy of the write end (after the spawn), so the read end sees EOF when the child's copies close.</summary>
    public void CloseWriteEnd()
    {
        var fd = Interlocked.Exchange(ref _write, -1);
        if (fd >= 0) _ = SpawnNative.Close(fd);
    }

    /// <summary>The read end as a stream; it owns the descriptor from now on.</summary>
    public Stream OpenReader()
    {
        ObjectDisposedException.ThrowIf(_read.IsClosed, this);
        _readerTaken = true;
        return new AnonymousPipeClientStream(PipeDirection.In, _read);
    }

    /// <summary>Closes the write end, and the read end unless a reader took it.</summary>
    public void Dispose()
    {
        CloseWriteEnd();
        if (!_readerTaken) _read.Dispose();
    }

    /// <summary>A descriptor that happens to be 0–2 (this process started with one closed) would be clobbered by the child's dup2s.</summary>
    private static int AboveStandardFds(int fd)
    {
        if (fd > 2) return fd;
        var moved = SpawnNative.Fcntl(fd, SpawnNative.F_DUPFD_CLOEXEC, 3);
        _ = SpawnNative.Close(fd);
        return moved >= 0 ? moved : throw new SpawnException("fcntl(F_DUPFD_CLOEXEC) failed");
    }
}
