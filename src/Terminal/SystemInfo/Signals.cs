using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using HoodyKit.Core.Native;
using HoodyKit.Terminal.Native;

namespace HoodyKit.Terminal.SystemInfo;

/// <summary>Signals by pid or by process name (every match of <c>/proc/*/comm</c>, case-insensitive); never hoodykit itself.</summary>
internal static class Signals
{
    private const int EPERM = 1;
    private static readonly string[] s_names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM",
        "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ];

    /// <summary>A signal name (<c>TERM</c>, <c>SIGTERM</c>) or number (0–64) → (number, canonical name).</summary>
    public static (int Number, string Name)? Parse(JsonNode? node)
    {
        if (node is null) return (15, "SIGTERM");
        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var n)) return ByNumber(n);
        if (node.GetValueKind() != JsonValueKind.String) return null;
        var text = node.GetValue<string>().Trim().ToUpperInvariant();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return ByNumber(number);
        if (text.StartsWith("SIG", StringComparison.Ordinal)) text = text[3..];
        var index = Array.IndexOf(s_names, text);
        return index > 0 ? (index, "SIG" + text) : null;
    }

    /// <summary>The targets of a request: one pid, or every process whose name matches; hoodykit itself is never a target.</summary>
    public static IReadOnlyList<int> Targets(int? pid, string? name)
    {
        if (pid is { } one) return one == Environment.ProcessId ? [] : [one];
        return [.. ProcStat.AllPids().Where(p => p != Environment.ProcessId)
            .Where(p => ProcStat.Read(p) is { } s && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>Descendants of <paramref name="roots"/> by parent links (one snapshot, bounded).</summary>
    public static IReadOnlyList<int> WithDescendants(IReadOnlyList<int> roots)
    {
        var all = ProcStat.AllPids().Select(ProcStat.Read).OfType<ProcStat>().ToList();
        var result = new HashSet<int>(roots);
        var frontier = new Queue<int>(roots);
        while (frontier.Count > 0 && result.Count < 65535)
        {
            var parent = frontier.Dequeue();
            foreach (var child in all.Where(s => s.Ppid == parent))
                if (result.Add(child.Pid)) frontier.Enqueue(child.Pid);
        }

        return [.. result.Where(p => p != Environment.ProcessId)];
    }

    /// <summary>Sends the signal; the outcome of the first failure (EPERM beats ESRCH), or 0.</summary>
    public static int Send(IReadOnlyList<int> pids, int signal)
    {
        var failure = 0;
        foreach (var pid in pids)
        {
            if (PtyNative.Kill(pid, signal) == 0) continue;
            var errno = Marshal.GetLastPInvokeError();
            if (failure != EPERM) failure = errno;
        }

        return failure;
    }

    public static bool IsPermissionError(int errno) => errno == EPERM;

    private static (int, string)? ByNumber(int n) =>
        n is >= 0 and <= 64 ? (n, n is > 0 and < 32 ? "SIG" + s_names[n] : n.ToString(CultureInfo.InvariantCulture)) : null;
}
