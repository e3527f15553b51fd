using System.Globalization;
using System.Text;
using HoodyKit.Terminal.Pty;
using HoodyKit.Terminal.Screen;

namespace HoodyKit.Terminal.Sessions;

/// <summary>
/// One terminal: a process on a PTY, its recent output, and the WebSocket clients watching it. The
/// session outlives its clients; a joining client first gets a replay, then the live stream. When the
/// process exits the session stays, <c>exited</c> with its code, until it is respawned or deleted.
/// </summary>
internal sealed class TerminalSession : IDisposable
{
    private const int RingBytes = 1024 * 1024;
    private const int ReplayBytes = 256 * 1024;
    private readonly Lock _gate = new();
    private readonly List<SessionClient> _clients = [];
    private readonly OutputRing _ring = new(RingBytes);
    private PtyProcess? _pty;
    private int? _exitCode;
    private Task<int>? _settled;
    private Action<ReadOnlySpan<byte>>? _capture;
    private readonly Lock _screenGate = new();
    private readonly VtScreen _screen;
    private TaskCompletionSource _screenChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _lastChange;
    private int _interactiveClients;

    private readonly TimeProvider _time;

    public TerminalSession(int id, SessionSpec spec, ShellPlan plan, TimeProvider time)
    {
        _time = time;
        var createdAt = time.GetUtcNow();
        Id = id;
        Spec = spec;
        ShellType = plan.ShellType;
        UserId = plan.UserId;
        GroupId = plan.GroupId;
        Columns = spec.Columns;
        Rows = spec.Rows;
        CreatedAt = createdAt;
        _lastChange = createdAt;
        _screen = new VtScreen(Columns, Rows) { Respond = AnswerQuery };
        Start(plan);
    }

    public int Id { get; }

    public SessionSpec Spec { get; }

    public string ShellType { get; }

    public string Title { get; private set; } = "";

    /// <summary>The uid and gid the shell runs as (execute's temp scripts are handed to them).</summary>
    public uint UserId { get; }

    public uint GroupId { get; }

    /// <summary>At the prompt: no job holds the terminal's foreground (tcgetpgrp is the shell's own group).</summary>
    public bool IsAtPrompt
    {
        get
        {
            lock (_gate) return _pty is not null && !_pty.Exited.IsCompleted && _pty.ForegroundProcessGroup == _pty.Pid;
        }
    }

    /// <summary>Sends every output byte to <paramref name="sink"/> as well (execute's marker scanner); null stops it.</summary>
    public void Capture(Action<ReadOnlySpan<byte>>? sink)
    {
        lock (_gate) _capture = sink;
    }

    /// <summary>SIGKILL to the foreground job, never the shell; false when the shell itself is in the foreground.</summary>
    public bool KillForegroundJob()
    {
        lock (_gate)
        {
            if (_pty is null) return false;
            var foreground = _pty.ForegroundProcessGroup;
            if (foreground <= 0 || foreground == _pty.Pid) return false;
            Native.PtyNative.Kill(-foreground, Native.PtyNative.SIGKILL);
            return true;
        }
    }

    public int Columns { get; private set; }

    public int Rows { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public int? Pid { get { lock (_gate) { return _pty?.Pid; } } }

    public bool IsRunning { get { lock (_gate) { return _pty is not null && !_pty.Exited.IsCompleted; } } }

    public int? ExitCode { get { lock (_gate) { return _exitCode; } } }

    public int ClientCount { get { lock (_gate) { return _clients.Count; } } }

    public OutputRing Output => _ring;

    /// <summary>Runs <paramref name="read"/> on the screen model under its lock.</summary>
    public T Screen<T>(Func<VtScreen, T> read)
    {
        lock (_screenGate) return read(_screen);
    }

    /// <summary>When the screen last changed (for idle waits).</summary>
    public DateTimeOffset LastChange { get { lock (_screenGate) { return _lastChange; } } }

    /// <summary>Completes at the next screen change.</summary>
    public Task NextChange { get { lock (_screenGate) { return _screenChanged.Task; } } }

    /// <summary>Completes with the exit code once the current process has exited and its last output has been read (≤ 1 s).</summary>
    public Task<int> Exited { get { lock (_gate) { return _settled ?? Task.FromResult(_exitCode ?? -1); } } }

    /// <summary>
    /// Attaches a client, queueing the join sequence (preferences, id, shell, title, replay). A read-only client
    /// cannot size the PTY, so it is told the session's size before the replay.
    /// </summary>
    public SessionClient Attach(bool readOnly)
    {
        var client = new SessionClient(readOnly);
        client.Offer(TtyFrames.Frame(TtyFrames.SetPreferences, "{}"));
        client.Offer(TtyFrames.Frame(TtyFrames.SetTerminalId, Id.ToString(CultureInfo.InvariantCulture)));
        client.Offer(TtyFrames.Frame(TtyFrames.SetShellType, ShellType));
        client.Offer(TtyFrames.Frame(TtyFrames.SetWindowTitle, Title));
        lock (_gate)
        {
            if (readOnly) client.Offer(SizeFrame(Columns, Rows));
            client.Offer(Replay());
            _clients.Add(client);
        }

        if (!readOnly) Interlocked.Increment(ref _interactiveClients);

        return client;
    }

    public void Detach(SessionClient client)
    {
        bool removed;
        lock (_gate) removed = _clients.Remove(client);
        if (removed && !client.ReadOnly) Interlocked.Decrement(ref _interactiveClients);
        client.Close();
    }

    /// <summary>Input for the process; false when it has exited (or is not reading).</summary>
    public bool Write(ReadOnlySpan<byte> data)
    {
        PtyProcess? pty;
        lock (_gate) pty = _pty;
        return pty is not null && !pty.Exited.IsCompleted && pty.Write(data);
    }

    /// <summary>Resizes the PTY (SIGWINCH) and tells every other client to adopt the size.</summary>
    public void Resize(int columns, int rows, SessionClient? from)
    {
        columns = Math.Clamp(columns, 1, 1000);
        rows = Math.Clamp(rows, 1, 1000);
        SessionClient[] others;
        lock (_gate)
        {
            if (columns == Columns && rows == Rows) return;
            Columns = columns;
            Rows = rows;
            _pty?.Resize(columns, rows);
            others = [.. _clients.Where(c => c != from)];
        }

        lock (_screenGate) _screen.Resize(columns, rows); // never inside _gate: the screen calls back into AnswerQuery

        var frame = SizeFrame(columns, rows);
        foreach (var client in others) client.Offer(frame);
    }

    private static byte[] SizeFrame(int columns, int rows) =>
        TtyFrames.Frame(TtyFrames.SessionResize, $"{{\"columns\":{columns},\"rows\":{rows}}}");

    /// <summary>Starts a new process when the previous one exited; false when one is running.</summary>
    public bool Respawn(ShellPlan plan)
    {
        lock (_gate)
        {
            if (_pty is not null && !_pty.Exited.IsCompleted) return false;
            _pty?.Dispose();
            _pty = null;
            _exitCode = null;
        }

        Start(plan);
        return true;
    }

    /// <summary>SIGINT to the terminal's foreground job (what ^C does).</summary>
    public void Interrupt()
    {
        lock (_gate) _pty?.SignalGroup(Native.PtyNative.SIGINT);
    }

    public void Dispose()
    {
        PtyProcess? pty;
        SessionClient[] clients;
        lock (_gate)
        {
            pty = _pty;
            clients = [.. _clients];
            _clients.Clear();
            Interlocked.Exchange(ref _interactiveClients, 0);
        }

        pty?.Dispose();
        foreach (var client in clients) client.Close();
    }

    private void Start(ShellPlan plan)
    {
        var pty = PtyProcess.Start(new PtySpawn(plan.Argv, plan.Environment, plan.WorkingDirectory, Columns, Rows, OnOutput));
        lock (_gate)
        {
            _pty = pty;
            _settled = WatchExitAsync(pty); // runs to its first await: the exit is still pending
        }
        if (Spec.Command is { Length: > 0 } command) pty.Write(Encoding.UTF8.GetBytes(command + "\r"));
    }

    private void OnOutput(ReadOnlySpan<byte> data)
    {
        _ring.Append(data);
        TaskCompletionSource changed;
        lock (_screenGate)
        {
            _screen.Feed(data);
            _lastChange = _time.GetUtcNow();
            changed = _screenChanged;
            _screenChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        lock (_gate)
        {
            _capture?.Invoke(data);
            if (_clients.Count == 0) return; // no copy of the output while nobody watches
            var frame = TtyFrames.Frame(TtyFrames.Output, data);
            foreach (var client in _clients)
                if (!client.Offer(frame)) client.Resync(Replay());
        }
    }

    /// <summary>Records the exit code and disconnects the clients once the last output has gone out.</summary>
    private async Task<int> WatchExitAsync(PtyProcess pty)
    {
        var code = await pty.Exited;
        try
        {
            await pty.OutputEnded.WaitAsync(TimeSpan.FromSeconds(1));
        }
        catch (TimeoutException)
        {
            // a background job still holds the terminal open; the shell itself is gone
        }

        SessionClient[] clients;
        lock (_gate)
        {
            if (!ReferenceEquals(_pty, pty)) return code;
            _exitCode = code;
            clients = [.. _clients];
            _clients.Clear();
            Interlocked.Exchange(ref _interactiveClients, 0);
        }

        foreach (var client in clients) client.Close();
        return code;
    }

    /// <summary>
    /// Answers a terminal query (DA, DSR, CPR) when no interactive client is attached; otherwise the
    /// client's terminal answers, and a second reply would reach the program as garbage.
    /// </summary>
    private void AnswerQuery(string reply)
    {
        // a counter, not _gate: this runs under the screen lock, and Attach takes the two the other way round
        if (Volatile.Read(ref _interactiveClients) == 0) _pty?.Write(Encoding.UTF8.GetBytes(reply));
    }

    /// <summary>
    /// What a joining client paints first: a full-screen program's screen serialized from the screen model
    /// (its start scrolled out of the output long ago), else a reset followed by the newest output.
    /// </summary>
    private byte[] Replay()
    {
        var serialized = Screen(s => s.AlternateScreen ? s.Serialize() : null);
        if (serialized is not null) return TtyFrames.Frame(TtyFrames.Output, serialized);
        var recent = _ring.Snapshot(ReplayBytes);
        var frame = new byte[recent.Length + 3];
        frame[0] = TtyFrames.Output;
        frame[1] = 0x1b;
        frame[2] = (byte)'c';
        recent.CopyTo(frame, 3);
        return frame;
    }
}
