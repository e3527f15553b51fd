using System.Buffers;
using System.Text;
using HoodyKit.Core.Modules;

namespace HoodyKit.Daemon.Supervisor.Processes;

/// <summary>
/// Turns a program's command into an argv. A command with shell operators runs through
/// <c>/bin/sh -c</c>; any other is split POSIX-style and exec'd directly, so the pid is the program's.
/// <c>terminal_shell</c> bash/zsh/fish/sh runs <c>&lt;shell&gt; -l -c "&lt;command&gt;"</c> (a login shell).
/// </summary>
internal static class CommandBuilder
{
    private static readonly SearchValues<char> s_shellOperators = SearchValues.Create("|&;<>()$`*");

    public static IReadOnlyList<string> Build(string command, string? terminalShell, int? port, string? portParam)
    {
        if (port is { } p)
            command = string.IsNullOrEmpty(portParam) ? $"{command} {p}" : $"{command} {portParam} {p}";
        if (terminalShell is "bash" or "zsh" or "fish" or "sh")
            return [ToolLocator.Find(terminalShell) ?? "/bin/" + terminalShell, "-l", "-c", command];
        if (command.AsSpan().IndexOfAny(s_shellOperators) >= 0) return ["/bin/sh", "-c", command];
        return Split(command) is { Count: > 0 } argv ? argv : ["/bin/sh", "-c", command];
    }

    /// <summary>POSIX-style word splitting (quotes and backslashes); null when a quote is left open.</summary>
    public static List<string>? Split(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            switch (c)
            {
                case ' ' or '\t' or '\n':
                    if (inWord) words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                    break;
                case '\'':
                    var close = command.IndexOf('\'', i + 1);
                    if (close < 0) return null;
                    word.Append(command, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    i++;
                    while (i < command.Length && command[i] != '"')
                    {
                        if (command[i] == '\\' && i + 1 < command.Length && command[i + 1] is '"' or '\\' or '$' or '`') i++;
                        word.Append(command[i]);
                        i++;
                    }

                    if (i >= command.Length) return null;
                    inWord = true;
                    break;
                case '\\':
                    if (i + 1 < command.Length) word.Append(command[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord) words.Add(word.ToString());
        return words;
    }
}
