using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using HoodyKit.Terminal.Native;

namespace HoodyKit.Terminal.Pty;

/// <summary>
/// A process on a real pseudo-terminal (design/terminal.md §9). One reader thread copies the master's
/// output to <see cref="PtySpawn.OnOutput"/>; one waiter thread reaps the child with <c>waitpid</c>;
/// one writer thread feeds input, so a child that stops reading never blocks a caller.
/// </summary>
internal sealed unsafe class PtyProcess : IDisposable
{
    private readonly int _master;
    private readonly BlockingCollection<byte[]> _input = new(boundedCapacity: 4096);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<ReadOnlySpan<byte>> _onOutput;
    private int _closed;

    private PtyProcess(int master, int pid, Action<ReadOnlySpan<byte>> onOutput)
    {
        _master = master;
        Pid = pid;
        _onOutput = onOutput;
        StartThread(ReadLoop, "pty-read");
        StartThread(WaitLoop, "pty-wait");
        StartThread(WriteLoop, "pty-write");
    }

    public int Pid { get; }

    /// <summary>The exit code: the status for a normal exit, 128 + signal for a death by signal, -1 when unknown.</summary>
    public Task<int> Exited => _exited.Task;

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
        if (!_exited.Task.IsCompleted)
        {
            SignalGroup(PtyNative.SIGHUP);
            if (!_exited.Task.Wait(TimeSpan.FromMilliseconds(500))) SignalGroup(PtyNative.SIGKILL);
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

    private static int SpawnOnSlave(string slave, PtySpawn spawn)
    {
        var actions = NativeMemory.AllocZeroed(PtyNative.OpaqueSize);
        var attr = NativeMemory.AllocZeroed(PtyNative.OpaqueSize);
        var defaults = NativeMemory.AllocZeroed(PtyNative.OpaqueSize);
        var mask = NativeMemory.AllocZeroed(PtyNative.OpaqueSize);
        var argv = ToNative(spawn.Argv);
        var envp = ToNative(spawn.Environment.Select(e => $"{e.Key}={e.Value}").ToList());
        try
        {
            Check(PtyNative.FileActionsInit(actions), "posix_spawn_file_actions_init");
            Check(PtyNative.FileActionsAddOpen(actions, 0, slave, PtyNative.O_RDWR, 0), "addopen");
            Check(PtyNative.FileActionsAddDup2(actions, 0, 1), "adddup2");
            Check(PtyNative.FileActionsAddDup2(actions, 0, 2), "adddup2");
            Check(PtyNative.FileActionsAddChdir(actions, spawn.WorkingDirectory), "addchdir_np");
            Check(PtyNative.AttrInit(attr), "posix_spawnattr_init");
            Check(PtyNative.SigFillSet(defaults), "sigfillset");
            Check(PtyNative.SigEmptySet(mask), "sigemptyset");
            Check(PtyNative.AttrSetSigDefault(attr, defaults), "setsigdefault");
            Check(PtyNative.AttrSetSigMask(attr, mask), "setsigmask");
            Check(PtyNative.AttrSetFlags(attr, PtyNative.POSIX_SPAWN_SETSID | PtyNative.POSIX_SPAWN_SETSIGDEF | PtyNative.POSIX_SPAWN_SETSIGMASK), "setflags");
            int pid;
            var rc = PtyNative.PosixSpawnP(&pid, spawn.Argv[0], actions, attr, argv, envp);
            if (rc != 0) throw new PtySpawnException($"cannot start '{spawn.Argv[0]}': {Marshal.GetPInvokeErrorMessage(rc)}");
            return pid;
        }
        finally
        {
            _ = PtyNative.FileActionsDestroy(actions);
            _ = PtyNative.AttrDestroy(attr);
            NativeMemory.Free(actions);
            NativeMemory.Free(attr);
            NativeMemory.Free(defaults);
            NativeMemory.Free(mask);
            FreeNative(argv, spawn.Argv.Count);
            FreeNative(envp, spawn.Environment.Count);
        }
    }

    private static void Check(int rc, string what)
    {
        if (rc != 0) throw new PtySpawnException($"{what} failed ({Marshal.GetPInvokeErrorMessage(rc)})");
    }

    private static byte** ToNative(IReadOnlyList<string> strings)
    {
        var array = (byte**)NativeMemory.AllocZeroed((nuint)(strings.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < strings.Count; i++) array[i] = (byte*)Marshal.StringToCoTaskMemUTF8(strings[i]);
        return array;
    }

    private static void FreeNative(byte** array, int count)
    {
        for (var i = 0; i < count; i++) Marshal.FreeCoTaskMem((nint)array[i]);
        NativeMemory.Free(array);
    }

    private static void StartThread(ThreadStart body, string name) =>
        new Thread(body) { IsBackground = true, Name = name }.Start();

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

    private void WaitLoop()
    {
        int status;
        int rc;
        do
        {
            rc = PtyNative.WaitPid(Pid, &status, 0);
        }
        while (rc < 0 && Marshal.GetLastPInvokeError() == PtyNative.EINTR);

        if (rc != Pid)
        {
            _exited.TrySetResult(-1); // ECHILD: reaped elsewhere (hoodykit as PID 1), code unknown
            return;
        }

        var signal = status & 0x7f;
        _exited.TrySetResult(signal == 0 ? (status >> 8) & 0xff : 128 + signal);
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
