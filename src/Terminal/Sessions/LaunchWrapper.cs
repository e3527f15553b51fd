using HoodyKit.Core.Modules;

namespace HoodyKit.Terminal.Sessions;

/// <summary>
/// The <c>sh</c> wrapper a session's program runs under when it has a <c>startup_script</c> or <c>debug</c>: it runs
/// the script first (executed when executable, else by the session's shell; a failure is reported on the terminal and
/// the shell starts anyway), with <c>debug</c> says what it does, then <c>exec</c>s the program. Everything reaches the
/// script as positional parameters, so no value is ever parsed as shell code.
/// </summary>
internal static class LaunchWrapper
{
    private const string Script = """
        debug=$1 script=$2 shell=$3 banner=$4; shift 4
        say() { [ "$debug" = 1 ] && printf '\033[2m[hoody] %s\033[0m\n' "$*"; return 0; }
        say "$banner"
        if [ -n "$script" ]; then
          say "startup script $script"
          if [ -x "$script" ]; then "$script"; else "$shell" "$script"; fi
          status=$?
          if [ "$status" -ne 0 ]; then printf '[hoody] startup script %s exited with %d\n' "$script" "$status"; fi
        fi
        say "exec $*"
        exec "$@"
        """;

    public static IReadOnlyList<string> Wrap(IReadOnlyList<string> program, SessionSpec spec, string shellPath, string banner) =>
        [ToolLocator.Find("sh") ?? "/bin/sh", "-c", Script, "hoody-launch", spec.Debug ? "1" : "0", spec.StartupScript ?? "", shellPath, banner, .. program];
}
