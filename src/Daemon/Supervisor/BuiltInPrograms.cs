using HoodyKit.Core.Health;
using HoodyKit.Core.Hosting;
using HoodyKit.Core.Modules;
using HoodyKit.Daemon.Supervisor.Models;

namespace HoodyKit.Daemon.Supervisor;

/// <summary>
/// The built-in modules seen as programs (<c>hoody_kit:true</c>). Their entries are synthesized, never
/// stored; start/stop/enable/disable switch the module in process. The daemon module itself serves this
/// API and refuses to stop.
/// </summary>
internal sealed class BuiltInPrograms(KitModuleRegistry registry, KitSettings settings, TimeProvider time)
{
    /// <summary>Fixed ids, so a module keeps its id whatever else is installed; user programs never take these.</summary>
    private static readonly string[] s_order = ["daemon", "terminal", "files", "display", "pipe", "sqlite", "cron", "curl"];
    private const int FirstId = 1001;
    private const int OtherModulesFirstId = 1101;

    public IReadOnlyList<BuiltInProgram> List() =>
        [.. registry.Modules.Select(m => new BuiltInProgram(IdOf(m.Name), m)).OrderBy(p => p.Id)];

    public BuiltInProgram? Find(int id) => List().FirstOrDefault(p => p.Id == id);

    public static bool IsBuiltInId(int id) => id is >= FirstId and < OtherModulesFirstId + 100;

    public bool IsEnabled(BuiltInProgram program) => registry.IsEnabled(program.Module.Name);

    public bool IsRunning(BuiltInProgram program) => registry.IsRunning(program.Module.Name);

    public ControlOutcome Start(BuiltInProgram program)
    {
        var name = program.Module.Name;
        if (!registry.IsEnabled(name)) return ControlOutcome.Disabled;
        return registry.Start(name) ? ControlOutcome.Done : ControlOutcome.AlreadyInState;
    }

    public ControlOutcome Stop(BuiltInProgram program)
    {
        if (IsSelf(program)) return ControlOutcome.Refused;
        return registry.Stop(program.Module.Name) ? ControlOutcome.Done : ControlOutcome.AlreadyInState;
    }

    public ControlOutcome Enable(BuiltInProgram program) =>
        registry.Enable(program.Module.Name) ? ControlOutcome.Done : ControlOutcome.AlreadyInState;

    public ControlOutcome Disable(BuiltInProgram program)
    {
        if (IsSelf(program)) return ControlOutcome.Refused;
        return registry.Disable(program.Module.Name) ? ControlOutcome.Done : ControlOutcome.AlreadyInState;
    }

    public ProgramStatusView Status(BuiltInProgram program)
    {
        var name = program.Module.Name;
        if (registry.IsRunning(name) && registry.StartedAt(name) is { } since)
        {
            var uptime = Uptime.Format(time.GetUtcNow() - since);
            return new ProgramStatusView
            {
                Id = program.Id, Status = "RUNNING", Pid = ProcessFacts.Pid, Uptime = uptime,
                Description = $"pid {ProcessFacts.Pid}, uptime {uptime}", StartedAt = ProcessFacts.Iso(since),
            };
        }

        return new ProgramStatusView { Id = program.Id, Status = "STOPPED", Description = registry.IsEnabled(name) ? "Not started" : "Disabled" };
    }

    public ProgramConfig View(BuiltInProgram program, bool includeStatus) => new()
    {
        Id = program.Id,
        Name = program.Name,
        Description = program.Module.Description,
        Enabled = registry.IsEnabled(program.Module.Name),
        Command = $"{Environment.ProcessPath ?? "hoodykit"} (built-in module: {program.Module.Name})",
        Boot = true,
        Autorestart = "true",
        User = Environment.UserName,
        Directory = settings.ModuleDataDir(program.Module.Name),
        Priority = 1,
        LogsEnabled = true,
        LogMaxBytes = 0,
        LogBackups = 0,
        HoodyKit = true,
        LazyLoad = false,
        Status = includeStatus ? Status(program) : null,
    };

    private static bool IsSelf(BuiltInProgram program) => program.Module.Name == "daemon";

    private int IdOf(string module)
    {
        var known = Array.IndexOf(s_order, module);
        if (known >= 0) return FirstId + known;
        var others = registry.Modules.Where(m => !s_order.Contains(m.Name)).Select(m => m.Name).ToList();
        return OtherModulesFirstId + others.IndexOf(module);
    }
}

/// <summary>A module presented as a program: <c>hoody-&lt;module&gt;</c>.</summary>
internal sealed record BuiltInProgram(int Id, IKitModule Module)
{
    public string Name => "hoody-" + Module.Name;
}

internal enum ControlOutcome
{
    Done,
    AlreadyInState,
    Disabled,
    Refused,
}
