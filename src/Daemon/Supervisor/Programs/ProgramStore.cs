using System.Text.Json;
using HoodyKit.Core.State;
using HoodyKit.Daemon.Supervisor.Models;

namespace HoodyKit.Daemon.Supervisor.Programs;

/// <summary>
/// The program configurations, persisted as a JSON array in <c>programs.json</c> (atomic writes, the
/// previous version kept as <c>.bak</c>). One writer at a time; readers see immutable snapshots.
/// </summary>
internal sealed partial class ProgramStore(ProgramPaths paths, TimeProvider time, ILogger<ProgramStore> logger) : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private volatile IReadOnlyList<ProgramConfig> _programs = [];

    public IReadOnlyList<ProgramConfig> All() => _programs;

    public void Dispose() => _writer.Dispose();

    public ProgramConfig? Find(int id) => _programs.FirstOrDefault(p => p.Id == id);

    /// <summary>Loads programs.json; a corrupt file is kept aside and the .bak used. Writes the defaults file if missing.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        var read = await JsonStateFile.ReadAsync(paths.ProgramsFile, DaemonStateJsonContext.Default.ListProgramConfig, time, ct);
        var programs = read.Value;
        if (read.IsCorrupt)
        {
            LogCorrupt(logger, paths.ProgramsFile, read.CorruptMovedTo!, read.Problem ?? "");
            var backup = await JsonStateFile.ReadAsync(paths.ProgramsFile + ".bak", DaemonStateJsonContext.Default.ListProgramConfig, time, ct);
            programs = backup.Value;
            if (programs is not null) await SaveAsync(programs, ct);
        }

        _programs = programs ?? [];
        if (!File.Exists(paths.DefaultsFile))
            await JsonStateFile.WriteAsync(paths.DefaultsFile, [.. _programs], DaemonStateJsonContext.Default.ListProgramConfig, ct);
    }

    public Task<StoreOutcome> AddAsync(ProgramConfig config, CancellationToken ct) => UnderWriterAsync(async () =>
    {
        var current = _programs;
        if (current.Any(p => p.Name == config.Name)) return StoreOutcome.Conflict($"Program with name '{config.Name}' already exists");
        if (config.Id != 0 && (current.Any(p => p.Id == config.Id) || BuiltInPrograms.IsBuiltInId(config.Id)))
            return StoreOutcome.Conflict($"Program with ID {config.Id} already exists");
        if (config.Id == 0) config = config with { Id = NextId(current) };
        await SaveAsync([.. current, config], ct);
        return StoreOutcome.Ok(config);
    }, ct);

    public Task<StoreOutcome> UpdateAsync(ProgramConfig config, CancellationToken ct) => UnderWriterAsync(async () =>
    {
        var current = _programs;
        if (current.All(p => p.Id != config.Id)) return StoreOutcome.Missing;
        if (current.Any(p => p.Name == config.Name && p.Id != config.Id))
            return StoreOutcome.Conflict($"Program with name '{config.Name}' already exists");
        await SaveAsync([.. current.Select(p => p.Id == config.Id ? config : p)], ct);
        return StoreOutcome.Ok(config);
    }, ct);

    public Task<bool> RemoveAsync(int id, CancellationToken ct) => UnderWriterAsync(async () =>
    {
        var current = _programs;
        if (current.All(p => p.Id != id)) return false;
        await SaveAsync([.. current.Where(p => p.Id != id)], ct);
        return true;
    }, ct);

    /// <summary>The defaults snapshot, or null when it is missing or does not parse (it is never modified here).</summary>
    public async Task<List<ProgramConfig>?> ReadDefaultsAsync(CancellationToken ct)
    {
        if (!File.Exists(paths.DefaultsFile)) return null;
        try
        {
            await using var stream = File.OpenRead(paths.DefaultsFile);
            return await JsonSerializer.DeserializeAsync(stream, DaemonStateJsonContext.Default.ListProgramConfig, ct);
        }
        catch (JsonException ex)
        {
            LogCorruptDefaults(logger, paths.DefaultsFile, ex.Message);
            return null;
        }
    }

    public Task ReplaceAllAsync(List<ProgramConfig> programs, CancellationToken ct) => UnderWriterAsync(async () =>
    {
        await SaveAsync(programs, ct);
        return true;
    }, ct);

    /// <summary>One writer at a time: each change reads the current list and saves the next one.</summary>
    private async Task<T> UnderWriterAsync<T>(Func<Task<T>> change, CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            return await change();
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task SaveAsync(List<ProgramConfig> programs, CancellationToken ct)
    {
        var stored = programs.Select(p => p.Stored()).ToList();
        if (File.Exists(paths.ProgramsFile)) File.Copy(paths.ProgramsFile, paths.ProgramsFile + ".bak", overwrite: true);
        await JsonStateFile.WriteAsync(paths.ProgramsFile, stored, DaemonStateJsonContext.Default.ListProgramConfig, ct);
        _programs = stored;
    }

    private static int NextId(IReadOnlyList<ProgramConfig> current)
    {
        var id = current.Count == 0 ? 1 : current.Max(p => p.Id) + 1;
        while (BuiltInPrograms.IsBuiltInId(id)) id++;
        return id;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{File} was corrupt ({Problem}); kept it as {Aside} and loaded the backup")]
    private static partial void LogCorrupt(ILogger logger, string file, string aside, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "{File} does not parse: {Problem}")]
    private static partial void LogCorruptDefaults(ILogger logger, string file, string problem);
}

internal sealed record StoreOutcome(ProgramConfig? Program, string? ConflictMessage, bool NotFound)
{
    public static StoreOutcome Missing { get; } = new(null, null, true);

    public static StoreOutcome Ok(ProgramConfig program) => new(program, null, false);

    public static StoreOutcome Conflict(string message) => new(null, message, false);
}
