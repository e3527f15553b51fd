using Microsoft.Extensions.Options;

namespace HoodyKit.Sqlite.Storage;

/// <summary>Turns a <c>db</c> parameter into a canonical file path and checks what is there (design §2.2).</summary>
internal sealed class DbPathResolver(IOptions<SqliteOptions> options)
{
    private static readonly string[] s_forbidden = ["/proc", "/sys", "/dev"];
    private static readonly byte[] s_header = "SQLite format 3\0"u8.ToArray();

    /// <summary>The sidecar database that holds the tables of a directory used as a KV database.</summary>
    public const string DirectoryStoreName = ".hoody-kv.db";

    /// <summary>The canonical path for <paramref name="db"/>, or 400 <c>INVALID_DB_PATH</c>.</summary>
    public string Canonical(string? db)
    {
        if (string.IsNullOrEmpty(db)) throw Invalid("A database path is required (an absolute path or a bare name)");
        if (db.Any(char.IsControl)) throw Invalid("The database path contains control characters");
        if (db == ":memory:" || db.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            throw Invalid("In-memory databases and file: URIs are not accepted");
        string full;
        if (db.StartsWith('/'))
        {
            if (db.Split('/').Any(s => s is ".." or ".")) throw Invalid("The database path may not contain '.' or '..' segments");
            full = Path.GetFullPath(db);
        }
        else
        {
            var name = db.StartsWith("./", StringComparison.Ordinal) ? db[2..] : db;
            if (name.Length == 0 || name is "." or ".." || name.Contains('/') || name.Contains('\\'))
                throw Invalid("A relative database name may not contain slashes; give an absolute path or a bare name");
            if (!Path.HasExtension(name)) name += ".db";
            full = Path.GetFullPath(Path.Combine(options.Value.DatabaseDir, name));
        }

        if (s_forbidden.Any(f => full == f || full.StartsWith(f + "/", StringComparison.Ordinal)))
            throw Invalid("Databases under /proc, /sys and /dev are not accepted");
        var roots = options.Value.Roots;
        if (roots.Count > 0 && !roots.Select(r => Path.GetFullPath(r).TrimEnd('/') + "/").Any(r => full.StartsWith(r, StringComparison.Ordinal)))
            throw Invalid("The database path is outside the allowed roots");
        return full;
    }

    /// <summary>
    /// Checks the file behind a canonical path: a directory (400, or its sidecar store when
    /// <paramref name="directoryMode"/>), a missing file (404 unless <paramref name="create"/>),
    /// a file that is not SQLite (400). Returns the path to open and whether it must be created.
    /// </summary>
    public static (string Path, bool Missing) Inspect(string canonical, bool create, bool directoryMode = false)
    {
        if (Directory.Exists(canonical))
        {
            if (!directoryMode)
                throw StoreException.BadRequest("PATH_IS_DIRECTORY", "Expected a .db file but got a directory (use the table parameter for directory mode)");
            canonical = Path.Combine(canonical, DirectoryStoreName);
            create = true;
        }

        var file = new FileInfo(canonical);
        if (!file.Exists)
        {
            if (!create) throw StoreException.NotFound("DATABASE_NOT_FOUND", $"Database not found: {canonical}");
            return (canonical, true);
        }

        if (file.Length > 0) CheckHeader(canonical);
        return (canonical, false);
    }

    private static void CheckHeader(string path)
    {
        Span<byte> head = stackalloc byte[16];
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            var read = stream.ReadAtLeast(head, 16, throwOnEndOfStream: false);
            if (read < 16 || !head.SequenceEqual(s_header))
                throw StoreException.BadRequest("INVALID_SQLITE_HEADER", "The file exists but is not a SQLite database");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StoreException(500, "FILE_SYSTEM_ERROR", "Cannot read the database file: " + ex.Message);
        }
    }

    private static StoreException Invalid(string message) => StoreException.BadRequest("INVALID_DB_PATH", message);
}
