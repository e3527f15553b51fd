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

    /// <summary>A script run on the PTY before the shell starts (executed when executable, else run by the shell).</summary>
    public string? StartupScript { get; init; }

    /// <summary>The launch wrapper says on the terminal what it does.</summary>
    public bool Debug { get; init; }

    /// <summary>Whether the shell gets the <c>HOODY_*</c> variables (<c>env_inject</c>, default true).</summary>
    public bool InjectHoodyEnvironment { get; init; } = true;

    /// <summary>Desktop mode asked for (<c>desktop</c>, or implied by <c>desktop_env</c>).</summary>
    public bool Desktop { get; init; }

    /// <summary><c>xfce</c> or <c>mate</c>: started on the session's display once the display is ready.</summary>
    public string? DesktopEnvironment { get; init; }

    /// <summary>Extra arguments for the shell (<c>arg</c>, honoured only when <c>Terminal:UrlArguments</c> is on).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
}
