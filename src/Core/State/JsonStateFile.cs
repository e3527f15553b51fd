using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HoodyKit.Core.State;

/// <summary>
/// Atomic JSON state files (ARCHITECTURE §2): written to a temp file in the same folder, fsynced, then
/// renamed over the target. A file that does not parse is moved aside (<c>name.corrupt-&lt;stamp&gt;</c>) and
/// reported, never silently overwritten.
/// </summary>
public static class JsonStateFile
{
    public static async Task WriteAsync<T>(string path, T value, JsonTypeInfo<T> typeInfo, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():n}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, value, typeInfo, ct);
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static async Task<StateFileRead<T>> ReadAsync<T>(string path, JsonTypeInfo<T> typeInfo, TimeProvider time, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(time);
        if (!File.Exists(path)) return new StateFileRead<T>(default, null, null);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
            var value = await JsonSerializer.DeserializeAsync(stream, typeInfo, ct);
            if (value is not null) return new StateFileRead<T>(value, null, null);
            return new StateFileRead<T>(default, Aside(path, time), "the file holds JSON null");
        }
        catch (JsonException ex)
        {
            return new StateFileRead<T>(default, Aside(path, time), ex.Message);
        }
    }

    private static string Aside(string path, TimeProvider time)
    {
        var stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var aside = $"{path}.corrupt-{stamp}";
        File.Move(path, aside, overwrite: false);
        return aside;
    }
}

/// <summary>
/// The outcome of <see cref="JsonStateFile.ReadAsync{T}"/>: a value; or, for a corrupt file, where it was
/// moved and why; or neither when the file did not exist.
/// </summary>
public sealed record StateFileRead<T>(T? Value, string? CorruptMovedTo, string? Problem)
{
    public bool IsCorrupt => CorruptMovedTo is not null;
}
