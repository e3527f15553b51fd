using HoodyKit.Core.Hosting;
using HoodyKit.Core.Native;

namespace HoodyKit.Daemon.Hosting;

/// <summary>
/// Turns <see cref="KitOptions"/> into <see cref="HostSettings"/>, or into null and one clear line naming
/// the bad setting. Refuses a non-loopback listen address without a token unless InsecureNoAuth is set.
/// </summary>
public static class HostSettingsResolver
{
    public static HostSettings? Resolve(KitOptions options, IReadOnlyCollection<string> knownModules, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(knownModules);
        problem = null;
        var listen = new List<ListenAddress>();
        foreach (var item in options.Listen.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (ListenAddress.TryParse(item, out var why) is not { } address)
                return Fail($"Listen: {why}", out problem);
            listen.Add(address);
        }

        if (listen.Count == 0) return Fail("Listen: at least one address is needed", out problem);

        var token = options.Token;
        if (token is not null && options.TokenFile is not null)
            return Fail("Token and TokenFile are both set: give one", out problem);
        if (options.TokenFile is not null)
        {
            if (!File.Exists(options.TokenFile)) return Fail($"TokenFile: '{options.TokenFile}' does not exist", out problem);
            token = File.ReadAllText(options.TokenFile).Trim();
        }

        if (token is not null && token.Length == 0) return Fail("Token: the token is empty", out problem);
        if (token is null && !options.InsecureNoAuth && listen.FirstOrDefault(l => !l.IsLocalOnly) is { } exposed)
            return Fail($"Listen: {exposed} is reachable from other machines; set a token (--token/--token-file) or pass --insecure-no-auth", out problem);

        IReadOnlySet<string>? modules = null;
        if (!string.Equals(options.Modules.Trim(), "all", StringComparison.OrdinalIgnoreCase))
        {
            var names = options.Modules.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(n => n.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            if (names.FirstOrDefault(n => !knownModules.Contains(n)) is { } unknown)
                return Fail($"Modules: unknown module '{unknown}' (known: {string.Join(", ", knownModules)})", out problem);
            names.Add("daemon");
            modules = names;
        }

        if (options.Log.RetainedFiles < 1) return Fail("Log:RetainedFiles must be at least 1", out problem);

        var dataDir = Absolute(options.DataDir) ?? DefaultDataDir();
        var logDir = Absolute(options.LogDir) ?? (IsRoot() ? "/var/log/hoodykit" : Path.Combine(dataDir, "logs"));
        var kit = new KitSettings(dataDir, logDir, token, modules);
        return new HostSettings(listen, kit, options.Log, options.InsecureNoAuth);
    }

    private static HostSettings? Fail(string message, out string? problem)
    {
        problem = message;
        return null;
    }

    private static string? Absolute(string? path) => string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path);

    private static bool IsRoot() => UnixUsers.EffectiveUserId == 0;

    private static string DefaultDataDir()
    {
        if (IsRoot()) return "/var/lib/hoodykit";
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(root, "hoodykit");
    }
}
