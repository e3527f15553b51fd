using System.Text.Json.Nodes;
using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Processes;

using HoodyKit.Core.Native;

namespace HoodyKit.Daemon.Supervisor.Programs;

/// <summary>
/// Turns an add or edit body into a <see cref="ProgramConfig"/>, or the first error in the reference's
/// words. Edit bodies are partial: only the fields present change.
/// </summary>
internal sealed class ProgramInputParser(ProgramPaths paths)
{
    private static readonly string[] s_shells = ["bash", "zsh", "fish", "sh", "tmux"];

    public ParseOutcome Parse(JsonObject body, ProgramConfig? existing)
    {
        var f = new FieldReader(body);
        var adding = existing is null;
        var name = adding || f.Has("name") ? f.RequiredString("name") : existing!.Name;
        if (name is not null && (name.Contains('"', StringComparison.Ordinal) || name.Contains('\'', StringComparison.Ordinal)))
            f.Fail("Name must not contain quote characters");
        var command = adding || f.Has("command") ? f.RequiredString("command") : existing!.Command;
        var user = adding || f.Has("user") ? f.RequiredString("user") : existing!.User;
        var id = adding ? (int?)f.Integer("id", 1, int.MaxValue) : existing!.Id;
        var description = f.OptionalString("description");
        if (description is { Length: > 500 }) f.Fail("Field 'description' must be at most 500 characters");

        PasswdEntry? account = null;
        if (f.Error is null && user is not null && (adding || f.Has("user")))
        {
            account = UserDirectory.Find(user);
            if (account is null) f.Fail($"User \"{user}\" does not exist on the system");
            else if (!UserDirectory.CanRunAs(account)) f.Fail($"Cannot run as user '{user}': daemon is not running as root");
        }

        var display = f.Display(out var displayCleared);
        var shell = f.OptionalString("terminal_shell");
        if (shell is not null && !s_shells.Contains(shell)) f.Fail("Field 'terminal_shell' must be one of: bash, zsh, fish, sh, tmux");
        var portRange = ParsePortRange(f);
        var webhooks = ParseWebhooks(f);

        var config = existing ?? new ProgramConfig { Id = 0, Name = "", Command = "", User = "" };
        config = config with
        {
            Id = id ?? 0,
            Name = name ?? "",
            Command = command ?? "",
            User = user ?? "",
            Description = description ?? config.Description,
            Enabled = f.Bool("enabled") ?? config.Enabled,
            Boot = f.Bool("boot") ?? config.Boot,
            DelaySeconds = (int?)f.Integer("delay_seconds", 0, 3600) ?? config.DelaySeconds,
            Autorestart = f.Autorestart() ?? config.Autorestart,
            Environment = f.StringMap("environment") ?? config.Environment,
            Directory = f.AbsolutePath("directory") ?? config.Directory ?? account?.Home,
            Priority = (int?)f.Integer("priority", 1, 999) ?? config.Priority,
            StdoutLogfile = f.AbsolutePath("stdout_logfile") ?? config.StdoutLogfile,
            StderrLogfile = f.AbsolutePath("stderr_logfile") ?? config.StderrLogfile,
            LogsEnabled = f.Bool("logs_enabled") ?? config.LogsEnabled,
            LogMaxBytes = f.Integer("log_max_bytes", 0, long.MaxValue) ?? config.LogMaxBytes,
            LogBackups = (int?)f.Integer("log_backups", 0, 100) ?? config.LogBackups,
            PortRange = f.Has("port_range") ? portRange : config.PortRange,
            PortParam = f.Has("port_param") ? f.OptionalString("port_param") : config.PortParam,
            LazyLoad = f.Bool("lazy_load") ?? config.LazyLoad,
            Display = displayCleared ? null : display ?? config.Display,
            TerminalId = f.Has("terminal_id") ? (int?)f.Integer("terminal_id", 1, 65535) : config.TerminalId,
            TerminalShell = f.Has("terminal_shell") ? shell : config.TerminalShell,
            TerminalInteractive = f.Has("terminal_interactive") ? f.Bool("terminal_interactive") : config.TerminalInteractive,
            Webhooks = f.Has("webhooks") ? webhooks : config.Webhooks,
            Status = null,
            Stats = null,
        };
        if (f.Error is not null) return new ParseOutcome(null, f.Error);
        if (config.Boot && config.LazyLoad) return new ParseOutcome(null, "lazy_load cannot be combined with boot: true");
        if (config.PortRange is not null && config.PortParam is null) config = config with { PortParam = "--port" };
        config = config with
        {
            HoodyKit = config.Directory is { } dir && (dir == "/hoody/plugins" || dir.StartsWith("/hoody/plugins/", StringComparison.Ordinal)),
            StdoutLogfile = config.StdoutLogfile ?? paths.DefaultLog(config.Name, "out"),
            StderrLogfile = config.StderrLogfile ?? paths.DefaultLog(config.Name, "err"),
        };
        return new ParseOutcome(config, null);
    }

    private static PortRange? ParsePortRange(FieldReader f)
    {
        var node = f.Object("port_range");
        if (node is null) return null;
        var inner = new FieldReader(node);
        var start = inner.Integer("start", 1, 65535);
        var end = inner.Integer("end", 1, 65535);
        if (start is null || end is null)
        {
            f.Fail(inner.Error is { } e ? e.Replace("Field '", "Field 'port_range.", StringComparison.Ordinal) : "Field 'port_range' needs start and end");
            return null;
        }

        if (start > end)
        {
            f.Fail("port_range.start must be <= port_range.end");
            return null;
        }

        return new PortRange((int)start, (int)end);
    }

    private static WebhookConfig? ParseWebhooks(FieldReader f)
    {
        var node = f.Object("webhooks");
        if (node is null) return null;
        var inner = new FieldReader(node);
        var urls = new List<string>();
        if (node["urls"] is JsonArray list)
        {
            foreach (var item in list)
            {
                if (item?.GetValueKind() != System.Text.Json.JsonValueKind.String
                    || !Uri.TryCreate(item.GetValue<string>(), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                {
                    f.Fail("Field 'webhooks.urls' must be a list of http(s) URLs");
                    return null;
                }

                urls.Add(item.GetValue<string>());
            }
        }
        else if (node["urls"] is not null)
        {
            f.Fail("Field 'webhooks.urls' must be a list of http(s) URLs");
            return null;
        }

        var events = node["events"] switch
        {
            null => ["*"],
            JsonValue one when one.GetValueKind() == System.Text.Json.JsonValueKind.String => [one.GetValue<string>()],
            JsonArray many when many.All(e => e?.GetValueKind() == System.Text.Json.JsonValueKind.String) => many.Select(e => e!.GetValue<string>()).ToList(),
            _ => (List<string>?)null,
        };
        if (events is null)
        {
            f.Fail("Field 'webhooks.events' must be a state name or a list of them");
            return null;
        }

        var config = new WebhookConfig
        {
            Enabled = inner.Bool("enabled") ?? true,
            Urls = urls,
            Events = events,
            Headers = inner.StringMap("headers") ?? [],
            Timeout = (int?)inner.Integer("timeout", 1, 60) ?? 10,
            Retry = (int?)inner.Integer("retry", 0, 5) ?? 2,
        };
        if (inner.Error is not null)
        {
            f.Fail(inner.Error.Replace("Field '", "Field 'webhooks.", StringComparison.Ordinal));
            return null;
        }

        return config;
    }
}

internal sealed record ParseOutcome(ProgramConfig? Config, string? Error);
