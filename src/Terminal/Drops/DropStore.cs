using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace HoodyKit.Terminal.Drops;

/// <summary>
/// The drops of every terminal: begins them, finds them by id and token, and forgets them (with their folders) when
/// they expire: a drop not committed <see cref="DropOptions.IdleTimeout"/> after its last upload, a committed one
/// <see cref="DropOptions.Retention"/> after its commit. Folders left by an earlier run expire by the same rules.
/// </summary>
internal sealed partial class DropStore(DropDirectory directory, IOptions<DropOptions> options, TimeProvider time, ILogger<DropStore> logger)
{
    private readonly ConcurrentDictionary<string, Drop> _drops = new(StringComparer.Ordinal);
    private readonly Lock _begin = new();

    public DropOptions Limits => options.Value;

    /// <summary>A new drop for <paramref name="terminalId"/>, readable once committed by group <paramref name="groupId"/>; and its token, shown once.</summary>
    public DropResult<(Drop Drop, string Token)> Begin(int terminalId, uint groupId)
    {
        lock (_begin)
        {
            var open = _drops.Values.Count(d => d.TerminalId == terminalId && !d.IsSealed && !IsExpired(d, time.GetUtcNow()));
            if (open >= Limits.MaxOpenDropsPerTerminal)
                return new DropFailure(DropProblem.TooManyDrops, $"Terminal {terminalId} already has {open} drops in progress; commit them or let them expire");
            var id = DropSecrets.NewId();
            var (root, problem) = directory.CreateDropFolder(terminalId, id);
            if (root is null)
            {
                LogUnavailable(logger, problem!);
                return new DropFailure(DropProblem.Unavailable, "Drop staging is not available: " + problem);
            }

            var token = DropSecrets.NewToken();
            var drop = new Drop(id, terminalId, DropSecrets.Hash(token), root, groupId, time.GetUtcNow());
            _drops[id] = drop;
            return DropResult<(Drop, string)>.Ok((drop, token));
        }
    }

    /// <summary>
    /// The drop <paramref name="id"/> when <paramref name="token"/> is its token (and it belongs to
    /// <paramref name="terminalId"/>, when given); null otherwise, whichever of these failed.
    /// </summary>
    public Drop? Find(string? id, string? token, int? terminalId)
    {
        if (id is null || !_drops.TryGetValue(id, out var drop)) return null;
        if (!DropSecrets.Matches(token, drop.TokenHash)) return null;
        if (terminalId is { } expected && expected != drop.TerminalId) return null;
        if (!IsExpired(drop, time.GetUtcNow()) || drop.IsBusy) return drop;
        Remove(drop);
        return null;
    }

    /// <summary>Forgets a drop and deletes its folder.</summary>
    public void Remove(Drop drop)
    {
        if (!_drops.TryRemove(new KeyValuePair<string, Drop>(drop.Id, drop))) return;
        drop.MarkRemoved();
        DeleteFolder(drop.Root);
    }

    /// <summary>Removes the drops that expired, and expired folders no drop owns (an earlier run's); returns how many went.</summary>
    public int Sweep()
    {
        var now = time.GetUtcNow();
        var removed = 0;
        foreach (var drop in _drops.Values.Where(d => IsExpired(d, now) && !d.IsBusy).ToList())
        {
            Remove(drop);
            removed++;
        }

        foreach (var (_, dropId, path) in directory.ListDropFolders().ToList())
        {
            if (_drops.ContainsKey(dropId)) continue;
            var manifest = Path.Combine(path, Drop.ManifestFile);
            var sealedAt = File.Exists(manifest) ? File.GetLastWriteTimeUtc(manifest) : (DateTime?)null;
            var expired = sealedAt is { } at
                ? at + Limits.Retention <= now.UtcDateTime
                : Directory.GetLastWriteTimeUtc(path) + Limits.IdleTimeout <= now.UtcDateTime;
            if (!expired) continue;
            DeleteFolder(path);
            removed++;
        }

        return removed;
    }

    private bool IsExpired(Drop drop, DateTimeOffset now) => drop.Commit is { } commit
        ? commit.SealedAt + Limits.Retention <= now
        : drop.LastActivity + Limits.IdleTimeout <= now;

    private void DeleteFolder(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // already gone
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDeleteFailed(logger, path, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drop staging unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the drop folder {Path}: {Reason}")]
    private static partial void LogDeleteFailed(ILogger logger, string path, string reason);
}
