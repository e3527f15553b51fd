namespace HoodyKit.Daemon.Supervisor.Logs;

/// <summary>
/// Byte-level log file with supervisord rotation: before the file would pass <c>maxBytes</c>, <c>.log.(n-1)</c>
/// moves to <c>.log.n</c>, <c>.log</c> to <c>.log.1</c>, files beyond <c>backups</c> are dropped, and a new file
/// starts. <c>backups = 0</c> truncates; <c>maxBytes = 0</c> never rotates. Writes go straight to the OS, so a
/// tail sees them at once.
/// </summary>
internal sealed class RotatingLogWriter : IAsyncDisposable, IDisposable
{
    private readonly string _path;
    private readonly long _maxBytes;
    private readonly int _backups;
    private FileStream _file;

    public RotatingLogWriter(string path, long maxBytes, int backups)
    {
        _path = path;
        _maxBytes = maxBytes;
        _backups = backups;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = Open(path);
    }

    /// <summary>Appends, rotating so that no file passes the limit; a chunk is cut after its last whole line that fits.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        while (_maxBytes > 0 && _file.Length + data.Length > _maxBytes)
        {
            var room = (int)Math.Max(0, _maxBytes - _file.Length);
            var cut = data.Span[..Math.Min(room, data.Length)].LastIndexOf((byte)'\n') + 1;
            if (cut == 0 && _file.Length == 0) cut = Math.Max(1, room); // one line longer than a whole file
            if (cut > 0)
            {
                await _file.WriteAsync(data[..cut], ct);
                data = data[cut..];
            }

            await RotateAsync();
        }

        if (!data.IsEmpty) await _file.WriteAsync(data, ct);
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    public void Dispose() => _file.Dispose();

    private async Task RotateAsync()
    {
        await _file.DisposeAsync();
        if (_backups == 0)
        {
            File.Delete(_path);
        }
        else
        {
            File.Delete($"{_path}.{_backups}");
            for (var n = _backups - 1; n >= 1; n--)
                if (File.Exists($"{_path}.{n}")) File.Move($"{_path}.{n}", $"{_path}.{n + 1}", overwrite: true);
            File.Move(_path, _path + ".1", overwrite: true);
        }

        _file = Open(_path);
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
}
