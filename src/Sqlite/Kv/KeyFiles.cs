using HoodyKit.Sqlite.Storage;

namespace HoodyKit.Sqlite.Kv;

/// <summary>
/// Directory mode's files: key <c>a/b.json</c> is the file <c>&lt;dir&gt;/a/b.json</c>. Paths never leave the
/// directory (no empty or dot segments, no symlinked folder on the way, nothing named <c>.hoody-kv*</c>);
/// writes go to a temporary file in the target's folder, are flushed to disk, then renamed over the target.
/// </summary>
internal static class KeyFiles
{
    /// <summary>Names starting with this belong to the store itself (the sidecar database, temporary files).</summary>
    public const string ReservedPrefix = ".hoody-kv";

    /// <summary>The file of <paramref name="key"/> under <paramref name="dir"/>, or 400 when the key cannot be one.</summary>
    public static string PathOf(string dir, string key)
    {
        var segments = key.Split('/');
        if (segments.Any(s => s.Length == 0))
            throw StoreException.Invalid("In directory mode a key may not start or end with '/' nor contain '//'");
        if (segments.Any(s => s.StartsWith(ReservedPrefix, StringComparison.Ordinal)))
            throw StoreException.Invalid($"In directory mode no key segment may start with '{ReservedPrefix}' (reserved for the store)");
        var root = Path.TrimEndingDirectorySeparator(dir) + "/";
        var full = Path.GetFullPath(Path.Combine(root, key));
        if (!full.StartsWith(root, StringComparison.Ordinal)) throw StoreException.Invalid("The key leaves the store's directory");
        for (var folder = Path.GetDirectoryName(full); folder is not null && folder.Length >= root.Length; folder = Path.GetDirectoryName(folder))
        {
            if (new DirectoryInfo(folder).LinkTarget is not null)
                throw StoreException.Invalid("The key's folder is a symbolic link; directory mode does not follow links");
        }

        return full;
    }

    /// <summary>Writes <paramref name="value"/> to a temporary file next to the key's file (flushed); returns (temporary, target).</summary>
    public static (string Temp, string Target) Stage(string dir, string key, byte[] value)
    {
        var target = PathOf(dir, key);
        var folder = Path.GetDirectoryName(target)!;
        if (Directory.Exists(target))
            throw StoreException.Invalid($"In directory mode key '{key}' cannot be written: it is the folder of other keys");
        for (var parent = folder; parent.Length > Path.TrimEndingDirectorySeparator(dir).Length; parent = Path.GetDirectoryName(parent)!)
        {
            if (File.Exists(parent))
                throw StoreException.Invalid($"In directory mode key '{key}' cannot be written: '{Path.GetRelativePath(dir, parent)}' is a key, not a folder");
        }

        var temp = Path.Combine(folder, $"{ReservedPrefix}.tmp-{Guid.NewGuid():n}");
        try
        {
            Directory.CreateDirectory(folder);
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
            stream.Write(value);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw Failure("write", key, ex);
        }

        return (temp, target);
    }

    /// <summary>Renames a staged file over its target (atomic on one file system).</summary>
    public static void Publish(string temp, string target)
    {
        try
        {
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new StoreException(500, "FILE_SYSTEM_ERROR", $"Cannot write '{target}': {ex.Message}");
        }
    }

    /// <summary>Removes a file if it is there.</summary>
    public static void Remove(string target)
    {
        try
        {
            if (File.Exists(target)) File.Delete(target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(500, "FILE_SYSTEM_ERROR", $"Cannot delete '{target}': {ex.Message}");
        }
    }

    /// <summary>Removes a staged file that will not be published.</summary>
    public static void Discard(string temp) => TryDelete(temp);

    /// <summary>Every regular file under <paramref name="dir"/> that can be a key (links and the store's own files skipped), by key.</summary>
    public static SortedDictionary<string, string> Scan(string dir)
    {
        var found = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var root = Path.TrimEndingDirectorySeparator(dir) + "/";
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(dir)]);
        try
        {
            while (pending.TryPop(out var folder))
            {
                foreach (var item in folder.EnumerateFileSystemInfos())
                {
                    if (item.Name.StartsWith(ReservedPrefix, StringComparison.Ordinal) || item.LinkTarget is not null) continue;
                    if (item is DirectoryInfo sub) pending.Push(sub);
                    else if (item is FileInfo file && IsKey(file.FullName[root.Length..]) is { } key) found[key] = file.FullName;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StoreException(500, "FILE_SYSTEM_ERROR", "Cannot read the store's directory: " + ex.Message);
        }

        return found;
    }

    /// <summary>The bytes of a file found by <see cref="Scan"/>.</summary>
    public static byte[] Read(string path, string key)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure("read", key, ex);
        }
    }

    private static string? IsKey(string relative)
    {
        try
        {
            return KvKey.Check(relative);
        }
        catch (StoreException)
        {
            return null; // a file name that is no valid key (control characters, too long) is not part of the store
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // the write already failed and is reported; a leftover temporary file is skipped by Scan
        }
    }

    private static StoreException Failure(string what, string key, Exception ex) =>
        new(500, "FILE_SYSTEM_ERROR", $"Cannot {what} the file of key '{key}': {ex.Message}");
}
