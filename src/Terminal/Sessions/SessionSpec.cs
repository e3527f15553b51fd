namespace HoodyKit.Terminal.Sessions;

/// <summary>How to start a session's process (from <c>/create</c> or the WebSocket query).</summary>
internal sealed record SessionSpec
{
    public string? Shell { get; init; }

    public string? User { get; init; }

    public string? WorkingDirectory { get; init; }

    public bool CreateWorkingDirectory { get; init; }

    public string? Display { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>A command typed into the shell once it is ready.</summary>
    public string? Command { get; init; }

    public int Columns { get; init; } = 80;

    public int Rows { get; init; } = 24;

    public bool Ephemeral { get; init; }

    /// <summary>Ephemeral execute: the PTY process is <c>&lt;shell&gt; -c RunCommand</c> instead of a login shell.</summary>
    public string? RunCommand { get; init; }

    /// <summary>The PTY runs <c>ssh</c> to this target instead of a local shell.</summary>
    public SshTarget? Ssh { get; init; }

    /// <summary>The PTY runs a monitor of this existing process (<c>top -p PID</c>) instead of a shell.</summary>
    public int? AttachPid { get; init; }
}
