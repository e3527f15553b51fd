using System.Text.Json.Nodes;
using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Running;

namespace HoodyKit.Daemon.Supervisor.Programs;

/// <summary>
/// Adding, editing, removing and resetting programs: validation, persistence, and what the running
/// process must do about it (restart on a process-affecting edit, stop before removal).
/// </summary>
internal sealed class ProgramCatalog(ProgramStore store, ProgramInputParser parser, ProgramSupervisor supervisor)
{
    public async Task<Outcome<ProgramConfig>> AddAsync(JsonObject body, CancellationToken ct)
    {
        var parsed = parser.Parse(body, existing: null);
        if (parsed.Config is not { } config) return Failure.BadRequest(parsed.Error!);
        var stored = await store.AddAsync(config, ct);
        if (stored.ConflictMessage is { } conflict) return Failure.Conflict(conflict);
        var program = stored.Program!;
        if (program.Enabled && program.Boot && program.PortRange is null && !program.LazyLoad)
            await supervisor.StartAsync(program, null, new StartOptions(false, TimeSpan.Zero, true), ct);
        return program;
    }

    public async Task<Outcome<ProgramConfig>> EditAsync(int id, JsonObject body, CancellationToken ct)
    {
        if (BuiltInPrograms.IsBuiltInId(id)) return Failure.Conflict($"Program with ID {id} is a built-in module and cannot be edited");
        if (store.Find(id) is not { } existing) return Failure.ProgramNotFound(id);
        var parsed = parser.Parse(body, existing);
        if (parsed.Config is not { } config) return Failure.BadRequest(parsed.Error!);
        var stored = await store.UpdateAsync(config, ct);
        if (stored.NotFound) return Failure.ProgramNotFound(id);
        if (stored.ConflictMessage is { } conflict) return Failure.Conflict(conflict);

        if (!config.Enabled)
        {
            await supervisor.StopAsync(id, null);
        }
        else if (AffectsProcess(existing, config))
        {
            var running = supervisor.Instances(id).Where(i => i.Snapshot().State.IsActive()).ToList();
            if (existing.Name != config.Name || existing.PortRange != config.PortRange) await supervisor.ForgetAsync(id);
            else await supervisor.StopAsync(id, null);
            foreach (var instance in running)
                await supervisor.StartAsync(config, instance.Port, new StartOptions(false, TimeSpan.Zero, true), ct);
        }

        return config;
    }

    public async Task<Outcome<int>> RemoveAsync(int id, CancellationToken ct)
    {
        if (BuiltInPrograms.IsBuiltInId(id)) return Failure.Conflict($"Program with ID {id} is a built-in module and cannot be removed");
        if (store.Find(id) is null) return Failure.ProgramNotFound(id);
        await supervisor.ForgetAsync(id);
        return await store.RemoveAsync(id, ct) ? id : Failure.ProgramNotFound(id);
    }

    /// <summary>Stops every program, restores programs.default.json, starts its boot programs. A bad default changes nothing.</summary>
    public async Task<Failure?> ResetAsync(CancellationToken ct)
    {
        var defaults = await store.ReadDefaultsAsync(ct);
        if (defaults is null)
            return new Failure(FailureKind.Internal, "Default programs file (programs.default.json) is missing or corrupt");
        foreach (var program in store.All()) await supervisor.ForgetAsync(program.Id);
        await store.ReplaceAllAsync(defaults, ct);
        await supervisor.BootAsync(ct);
        return null;
    }

    /// <summary>Fields that change what runs; description, priority and boot apply without a restart.</summary>
    private static bool AffectsProcess(ProgramConfig a, ProgramConfig b) =>
        a.Command != b.Command || a.User != b.User || a.Directory != b.Directory || a.Display != b.Display
        || a.PortRange != b.PortRange || a.PortParam != b.PortParam || a.StdoutLogfile != b.StdoutLogfile
        || a.StderrLogfile != b.StderrLogfile || a.LogsEnabled != b.LogsEnabled || a.Name != b.Name
        || a.TerminalShell != b.TerminalShell || !a.Environment.OrderBy(e => e.Key).SequenceEqual(b.Environment.OrderBy(e => e.Key));
}
