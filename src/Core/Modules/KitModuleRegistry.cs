using System.Collections.Concurrent;
using HoodyKit.Core.Hosting;
using Microsoft.AspNetCore.Http;

namespace HoodyKit.Core.Modules;

/// <summary>
/// The built-in modules and their on/off state. A stopped module answers its routes with 503 in its own
/// family (health stays up); switching is in process and immediate.
/// </summary>
public sealed class KitModuleRegistry
{
    private readonly TimeProvider _time;
    private readonly Dictionary<string, IKitModule> _byName;
    private readonly ConcurrentDictionary<string, ModuleState> _state = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<ToolStatus>>> _tools;

    public KitModuleRegistry(IEnumerable<IKitModule> modules, KitSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(modules);
        ArgumentNullException.ThrowIfNull(settings);
        _time = time;
        Modules = [.. modules];
        _byName = Modules.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var module in Modules)
            _state[module.Name] = settings.IsEnabledAtStart(module.Name) ? new ModuleState(true, true, now) : new ModuleState(true, false, null);
        _tools = new(() => Modules.ToDictionary(m => m.Name, m => (IReadOnlyList<ToolStatus>)[.. m.Tools.Select(ToolLocator.Probe)]));
    }

    /// <summary>Every built-in module, in registration order.</summary>
    public IReadOnlyList<IKitModule> Modules { get; }

    public IKitModule? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The module whose <c>/api/v1/&lt;name&gt;</c> prefix starts <paramref name="path"/>.</summary>
    public IKitModule? FindByPath(PathString path)
    {
        foreach (var module in Modules)
            foreach (var prefix in module.AdditionalPrefixes)
                if (path.StartsWithSegments(prefix)) return module;

        if (!path.StartsWithSegments("/api/v1", out var rest) || !rest.HasValue) return null;
        var segment = rest.Value.AsSpan(1);
        var slash = segment.IndexOf('/');
        var name = (slash < 0 ? segment : segment[..slash]).ToString();
        return Find(name);
    }

    public bool IsRunning(string name) => _state.TryGetValue(name, out var s) && s.Running;

    /// <summary>Whether the module may run (a disabled module is stopped and refuses to start).</summary>
    public bool IsEnabled(string name) => _state.TryGetValue(name, out var s) && s.Enabled;

    /// <summary>When the module was last switched on; null while it is stopped.</summary>
    public DateTimeOffset? StartedAt(string name) => _state.TryGetValue(name, out var s) ? s.StartedAt : null;

    /// <summary>Switches an enabled module on; false when it was already running or is disabled.</summary>
    public bool Start(string name) => Update(name, s => s.Enabled && !s.Running ? s with { Running = true, StartedAt = _time.GetUtcNow() } : null);

    /// <summary>Switches a module off; false when it was already stopped.</summary>
    public bool Stop(string name) => Update(name, s => s.Running ? s with { Running = false, StartedAt = null } : null);

    /// <summary>Enables a module and switches it on; false when it was already enabled and running.</summary>
    public bool Enable(string name) =>
        Update(name, s => s.Enabled && s.Running ? null : new ModuleState(true, true, s.Running ? s.StartedAt : _time.GetUtcNow()));

    /// <summary>Disables a module and switches it off; false when it was already disabled.</summary>
    public bool Disable(string name) => Update(name, s => s.Enabled ? new ModuleState(false, false, null) : null);

    /// <summary>Which optional tools each module found (probed once, on first use).</summary>
    public IReadOnlyList<ToolStatus> Tools(string name) => _tools.Value.GetValueOrDefault(name) ?? [];

    /// <summary>Applies <paramref name="change"/> atomically; it returns null for "nothing to do".</summary>
    private bool Update(string name, Func<ModuleState, ModuleState?> change)
    {
        if (!_byName.ContainsKey(name)) throw new ArgumentException($"Unknown module '{name}'", nameof(name));
        while (true)
        {
            var current = _state[name];
            if (change(current) is not { } next) return false;
            if (_state.TryUpdate(name, next, current)) return true;
        }
    }

    private sealed record ModuleState(bool Enabled, bool Running, DateTimeOffset? StartedAt);
}
