using System.Runtime.CompilerServices;
using System.Text;

namespace HoodyKit.Daemon.Supervisor.Logs;

/// <summary>
/// <c>tail -F</c> for a program log: the last lines, then each new line as it is written. A file that
/// shrinks (rotated or truncated) is read again from its start.
/// </summary>
internal static class LogFollower
{
    public static async IAsyncEnumerable<string> FollowAsync(string file, int lines, TimeProvider time, TimeSpan poll,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var position = File.Exists(file) ? new FileInfo(file).Length : 0;
        var (tail, _) = await LogTail.ReadAsync(file, lines, ct);
        foreach (var line in tail.Split('\n').SkipLast(tail.EndsWith('\n') ? 1 : 0))
            yield return line;

        var partial = new StringBuilder();
        using var timer = new PeriodicTimer(poll, time);
        while (await timer.WaitForNextTickAsync(ct))
        {
            if (!File.Exists(file)) continue;
            var length = new FileInfo(file).Length;
            if (length < position) position = 0;
            if (length == position) continue;
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Position = position;
            var buffer = new byte[length - position];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            position += read;
            partial.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var text = partial.ToString();
            var last = text.LastIndexOf('\n');
            if (last < 0) continue;
            partial.Clear().Append(text[(last + 1)..]);
            foreach (var line in text[..last].Split('\n')) yield return line;
        }
    }
}
