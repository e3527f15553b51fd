namespace HoodyKit.Sqlite.Kv;

/// <summary>
/// The file changes of one queued KV operation in directory mode. Writes are staged (temporary file,
/// flushed) while the operation runs; the renames and deletes happen only once it has succeeded, before
/// the commit, so a refused or failed operation leaves the directory as it was.
/// </summary>
internal sealed class PendingFiles
{
    private readonly List<(string? Temp, string Target)> _changes = [];

    /// <summary>Stages <paramref name="value"/> as the new content of <paramref name="key"/>'s file.</summary>
    public void Write(string dir, string key, byte[] value) => _changes.Add(KeyFiles.Stage(dir, key, value));

    /// <summary>Marks <paramref name="key"/>'s file for removal.</summary>
    public void Delete(string dir, string key) => _changes.Add((null, KeyFiles.PathOf(dir, key)));

    /// <summary>Applies the staged changes in order.</summary>
    public void Publish()
    {
        try
        {
            foreach (var (temp, target) in _changes)
            {
                if (temp is null) KeyFiles.Remove(target);
                else KeyFiles.Publish(temp, target);
            }
        }
        finally
        {
            Discard();
        }
    }

    /// <summary>Drops what was staged (temporary files removed).</summary>
    public void Discard()
    {
        foreach (var (temp, _) in _changes)
        {
            if (temp is not null && File.Exists(temp)) KeyFiles.Discard(temp);
        }

        _changes.Clear();
    }
}
