using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using HoodyKit.Core.Native.Spawning;
using HoodyKit.Core.Threading;
using HoodyKit.Terminal.Native;

namespace HoodyKit.Terminal.Pty;

/// <summary>
/// A process on a real pseudo-terminal (design/terminal.md §9). One reader thread copies the master's
/// output to <see cref="PtySpawn.OnOutput"/>; Core's <see cref="ChildReaper"/> reaps the child;
/// one writer thread feeds input, so a child that stops reading never blocks a caller.
/// </summary>
internal sealed unsafe class PtyProcess : IDisposable
{
    private readonly int _master;
    private readonly BlockingCollection<byte[]> _input = new(boundedCapacity: 4096);
    private readonly Task<int> _exited;
    private readonly TaskCompletionSource _outputEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<ReadOnlySpan<byte>> _onOutput;
    private int _closed;

    private PtyProcess(int master, int pid, Action<ReadOnlySpan<byte>> onOutput)
    {
        _master = master;
        Pid = pid;
        _onOutput = onOutput;
        Detached.StartThread(ReadLoop, "pty-read");
        _exited = ChildReaper.WaitForExitAsync(pid);
        Detached.StartThread(WriteLoop, "pty-write");
    }

    public int Pid { get; }

    /// <summary>The exit code: the status for a normal exit, 128 + signal for a death by signal, -1 when unknown.</summary>
    public Task<int> Exited => _exited;

    /// <summary>Completes when the master reports EOF (every holder of the slave has closed it).</summary>
    public Task OutputEnded => _outputEnded.Task;

    /// <summary>Spawns <paramref name="spawn"/> on a new PTY of the given size; throws <see cref="PtySpawnException"/> on failure.</summary>
    public static PtyProcess Start(PtySpawn spawn)
    {
        ArgumentNullException.ThrowIfNull(spawn);
        var master = PtyNative.PosixOpenPt(PtyNative.O_RDWR | PtyNative.O_NOCTTY | PtyNative.O_CLOEXEC);
        if (master < 0) throw new PtySpawnException($"posix_openpt failed (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (PtyNative.GrantPt(master) != 0 || PtyNative.UnlockPt(master) != 0)
                throw new PtySpawnException($"grantpt/unlockpt failed (errno {Marshal.GetLastPInvokeError()})");
            var slave = SlavePath(master);
            SetSize(master, spawn.Columns, spawn.Rows);
            var pid = SpawnOnSlave(slave, spawn);
            return new PtyProcess(master, pid, spawn.OnOutput);
        }
        catch
        {
            PtyNative.Close(master);
            throw;
        }
    }

    /// <summary>Queues input for the child; false when the queue is full (the child is not reading) or the PTY is closed.</summary>
    public bool Write(ReadOnlySpan<byte> data)
    {
        if (Volatile.Read(ref _closed) != 0 || data.IsEmpty) return false;
        try
        {
            return _input.TryAdd(data.ToArray());
        }
        catch (InvalidOperationException)
        {
            return false; // completed for adding: the PTY is closing
        }
    }

    /// <summary>TIOCSWINSZ: the kernel sends SIGWINCH to the foreground process group.</summary>
    public void Resize(int columns, int rows)
    {
        if (Volatile.Read(ref _closed) == 0) SetSize(_master, columns, rows);
    }

    /// <summary>The foreground process group of the terminal (≠ <see cref="Pid"/> while a job runs), or -1.</summary>
    public int ForegroundProcessGroup => Volatile.Read(ref _closed) == 0 ? PtyNative.TcGetPgrp(_master) : -1;

    /// <summary>Signals the child's whole process group (it leads its session and group).</summary>
    public void SignalGroup(int signal) => PtyNative.Kill(-Pid, signal);

    /// <summary>HUP then KILL to the group, then closes the master once the reader has drained (or after 2 s).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _input.CompleteAdding();
        if (!_exited.IsCompleted)
        {
            SignalGroup(PtyNative.SIGHUP);
            if (!_exited.Wait(TimeSpan.FromMilliseconds(500))) SignalGroup(PtyNative.SIGKILL);
        }

        _outputEnded.Task.Wait(TimeSpan.FromSeconds(2));
        PtyNative.Close(_master);
        _input.Dispose();
    }

    private static string SlavePath(int master)
    {
        var buffer = stackalloc byte[256];
        var rc = PtyNative.PtsNameR(master, buffer, 256);
        if (rc != 0) throw new PtySpawnException($"ptsname_r failed (errno {rc})");
        return Marshal.PtrToStringUTF8((nint)buffer)!;
    }

    private static void SetSize(int fd, int columns, int rows)
    {
        var size = new PtyNative.WinSize { Cols = (ushort)Math.Clamp(columns, 1, 1000), Rows = (ushort)Math.Clamp(rows, 1, 1000) };
        PtyNative.IoctlWinSize(fd, PtyNative.TIOCSWINSZ, &size);
    }

    /// <summary>Spawns on the slave (opened as fd 0, so the new session's first tty becomes its controlling terminal).</summary>
    private static int SpawnOnSlave(string slave, PtySpawn spawn)
    {
        var path = ProcessSpawner.FindExecutable(spawn.Argv[0], Environment.GetEnvironmentVariable("PATH"))
            ?? throw new PtySpawnException($"cannot start '{spawn.Argv[0]}': No such file or directory");
        try
        {
            return ProcessSpawner.Spawn(new SpawnRequest(path, spawn.Argv, spawn.Environment, spawn.WorkingDirectory,
                [new SpawnOpen(0, slave, PtyNative.O_RDWR), new SpawnDup(1, 0), new SpawnDup(2, 0)]));
        }
        catch (SpawnException ex)
        {
            throw new PtySpawnException(ex.Message, ex);
        }
    }

    private void ReadLoop()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            fixed (byte* b = buffer)
            {
                while (true)
                {
                    var n = PtyNative.Read(_master, b, buffer.Length);
                    if (n > 0)
                    {
                        _onOutput(new ReadOnlySpan<byte>(b, (int)n));
                        continue;
                    }

                    if (n < 0 && Marshal.GetLastPInvokeError() == PtyNative.EINTR) continue;
                    break; // 0, or EIO: every slave holder closed it
                }
            }
        }
        finally
        {
            _outputEnded.TrySetResult();
        }
    }

    private void WriteLoop()
    {
        try
        {
            foreach (var chunk in _input.GetConsumingEnumerable())
                WriteAll(chunk);
        }
        catch (ObjectDisposedException)
        {
            // disposed while waiting for input: nothing left to write
        }
    }

    private void WriteAll(byte[] chunk)
    {
        fixed (byte* b = chunk)
        {
            var offset = 0;
            while (offset < chunk.Length && Volatile.Read(ref _closed) == 0)
            {
                var n = PtyNative.Write(_master, b + offset, chunk.Length - offset);
                if (n > 0)
                {
                    offset += (int)n;
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno is PtyNative.EINTR or PtyNative.EAGAIN) continue;
                return; // EIO: the child is gone
            }
        }
    }
}

/// <summary>What to run on a new PTY.</summary>
internal sealed record PtySpawn(
    IReadOnlyList<string> Argv,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDirectory,
    int Columns,
    int Rows,
    Action<ReadOnlySpan<byte>> OnOutput);

/// <summary>The PTY or its process could not be started.</summary>
public sealed class PtySpawnException : Exception
{
    public PtySpawnException()
        : base("The terminal process could not be started")
    {
    }

    public PtySpawnException(string message)
        : base(message)
    {
    }

    public PtySpawnException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
