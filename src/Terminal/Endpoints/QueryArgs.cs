using System.Text;
using HoodyKit.Terminal.Sessions;

namespace HoodyKit.Terminal.Endpoints;

/// <summary>The session parameters the WebSocket and execute share in their query strings.</summary>
internal static class QueryArgs
{
    public static bool TryBuildSpec(IQueryCollection query, out SessionSpec spec, out string? problem)
    {
        problem = null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in query["env"])
        {
            var eq = entry?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (eq <= 0)
            {
                problem = $"env entries must be KEY=VALUE (got '{entry}')";
                break;
            }

            environment[entry![..eq]] = entry[(eq + 1)..];
        }

        string? command = null;
        if (problem is null && query.TryGetValue("cmd", out var cmd) && cmd.ToString().Length > 0)
        {
            try
            {
                command = Encoding.UTF8.GetString(Convert.FromBase64String(cmd.ToString()));
            }
            catch (FormatException)
            {
                problem = "cmd must be base64";
            }
        }

        var (ssh, sshProblem) = SshArgs.Read(name => Value(query, name));
        problem ??= sshProblem;
        int? pid = null;
        if (Value(query, "pid") is { } pidText)
        {
            if (int.TryParse(pidText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
                pid = parsed;
            else
                problem ??= "pid must be a positive integer";
        }

        spec = new SessionSpec
        {
            Shell = Value(query, "shell"),
            User = Value(query, "user"),
            WorkingDirectory = Value(query, "cwd"),
            CreateWorkingDirectory = Flag(query, "cwd_auto_create"),
            Display = SessionEndpoints.NormalizeDisplay(Value(query, "display")),
            Environment = environment,
            Command = command,
            Ssh = ssh,
            AttachPid = pid,
            Arguments = [.. query["arg"].OfType<string>()],
        };
        var (launched, launchProblem) = LaunchArgs.Apply(spec, name => Value(query, name), name => OptionalFlag(query, name));
        spec = launched;
        problem ??= launchProblem;
        return problem is null;
    }

    public static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && value.ToString().Length > 0 ? value.ToString() : null;

    /// <summary>Query booleans: <c>true</c>, <c>1</c>, or the bare key.</summary>
    public static bool Flag(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && value.ToString() is "" or "true" or "1";

    /// <summary>A query boolean that may be absent (null): <c>true</c>, <c>1</c> or the bare key are true, anything else false.</summary>
    public static bool? OptionalFlag(IQueryCollection query, string name) => query.ContainsKey(name) ? Flag(query, name) : null;
}
