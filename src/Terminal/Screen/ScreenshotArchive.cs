using System.Globalization;
using Microsoft.Extensions.Options;

namespace HoodyKit.Terminal.Screen;

/// <summary>
/// Keeps screenshots as the reference says: <c>&lt;ScreenshotDir&gt;/&lt;terminal id&gt;/&lt;YYYY-MM-DD_HH-MM-SS&gt;.&lt;ext&gt;</c>
/// (local time). A second image in the same second gets <c>_2</c>, <c>_3</c>, …: a saved file is never replaced.
/// </summary>
internal sealed class ScreenshotArchive(IOptions<TerminalOptions> options, TimeProvider time)
{
    private const int MaxSameSecond = 1000;

    /// <summary>Writes the image and returns its path; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.</summary>
    public async Task<string> SaveAsync(int terminalId, string extension, byte[] image, CancellationToken ct)
    {
        var folder = Path.Combine(options.Value.ScreenshotDir, terminalId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var stamp = time.GetLocalNow().ToString("yyyy-MM-dd_HH-mm-ss", CultureInfo.InvariantCulture);
        for (var attempt = 1; attempt <= MaxSameSecond; attempt++)
        {
            var name = attempt == 1 ? $"{stamp}.{extension}" : string.Create(CultureInfo.InvariantCulture, $"{stamp}_{attempt}.{extension}");
            var path = Path.Combine(folder, name);
            if (File.Exists(path)) continue;
            FileStream file;
            try
            {
                file = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Options = FileOptions.Asynchronous,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                });
            }
            catch (IOException) when (File.Exists(path))
            {
                continue; // another request took this name between the check and the create: try the next one
            }

            await using (file) await file.WriteAsync(image, ct);
            return path;
        }

        throw new IOException($"More than {MaxSameSecond} screenshots of terminal {terminalId} in one second");
    }
}
