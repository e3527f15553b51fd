using System.Text;

namespace HoodyKit.Daemon.Supervisor.Logs;

/// <summary>The last N lines of a log, read backwards from the current file and on into <c>.1</c>, <c>.2</c>, ….</summary>
internal static class LogTail
{
    private const int Chunk = 64 * 1024;

    public static async Task<(string Text, int Lines)> ReadAsync(string path, int lines, CancellationToken ct)
    {
        var parts = new List<byte[]>();
        var found = 0;
        for (var n = 0; n <= 100 && found < lines; n++)
        {
            var file = n == 0 ? path : $"{path}.{n}";
            if (!File.Exists(file)) break;
            var (bytes, count) = await TailFileAsync(file, lines - found, trailingNewlineCounts: true, ct);
            parts.Insert(0, bytes);
            found += count;
        }

        var all = parts.SelectMany(b => b).ToArray();
        var text = Encoding.UTF8.GetString(all);
        var lineCount = text.Length == 0 ? 0 : text.Count(c => c == '\n') + (text.EndsWith('\n') ? 0 : 1);
        return (text, lineCount);
    }

    /// <summary>The last <paramref name="want"/> lines of one file (a final line without newline counts).</summary>
    private static async Task<(byte[] Bytes, int Lines)> TailFileAsync(string file, int want, bool trailingNewlineCounts, CancellationToken ct)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var end = stream.Length;
        if (end == 0) return ([], 0);
        var buffer = new byte[Chunk];
        var position = end;
        var newlines = 0;
        var start = 0L;
        var skipLast = trailingNewlineCounts;
        while (position > 0)
        {
            var size = (int)Math.Min(Chunk, position);
            position -= size;
            stream.Position = position;
            await stream.ReadExactlyAsync(buffer.AsMemory(0, size), ct);
            for (var i = size - 1; i >= 0; i--)
            {
                if (buffer[i] != (byte)'\n') continue;
                if (skipLast && position + i == end - 1)
                {
                    skipLast = false;
                    continue;
                }

                newlines++;
                if (newlines == want)
                {
                    start = position + i + 1;
                    goto done;
                }
            }
        }

    done:
        var result = new byte[end - start];
        stream.Position = start;
        await stream.ReadExactlyAsync(result, ct);
        var count = newlines == want ? want : newlines + 1;
        return (result, Math.Min(count, want));
    }
}
