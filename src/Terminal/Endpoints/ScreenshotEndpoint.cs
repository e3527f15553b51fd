using HoodyKit.Core.Errors;
using HoodyKit.Terminal.Screen;
using HoodyKit.Terminal.Sessions;
using SkiaSharp;

namespace HoodyKit.Terminal.Endpoints;

/// <summary>
/// <c>GET /screenshot</c>: the terminal screen as PNG, JPEG or GIF, drawn from the screen model, and (by default, as
/// the reference says) saved under the screenshot folder, its path in <c>X-Screenshot-Path</c>.
/// </summary>
internal static partial class ScreenshotEndpoint
{
    public const string PathHeader = "X-Screenshot-Path";
    public const string SaveErrorHeader = "X-Screenshot-Save-Error";

    public static RouteGroupBuilder MapScreenshot(this RouteGroupBuilder api)
    {
        api.MapGet("/screenshot", CaptureAsync);
        return api;
    }

    private static async Task<IResult> CaptureAsync(HttpContext context, TerminalSessions sessions, ScreenshotArchive archive,
        ILogger<ScreenshotArchive> logger, string? terminal_id, string? format, string? foreground, string? background, int? fontsize,
        CancellationToken ct)
    {
        if (!TerminalId.TryParse(terminal_id ?? "1", out var id)) return TerminalErrors.InvalidTerminalId();
        if (ParseFormat(format) is not { } imageFormat) return TerminalErrors.InvalidParameters("format must be png, jpeg or gif");
        if (fontsize is < 6 or > 72) return TerminalErrors.InvalidParameters("fontsize must be between 6 and 72");
        var fg = ScreenRenderer.ParseColour(foreground);
        var bg = ScreenRenderer.ParseColour(background);
        if ((foreground is not null && fg is null) || (background is not null && bg is null))
            return TerminalErrors.InvalidParameters("foreground and background must be colour names (black, red, …, white), (R,G,B,A) or hex such as #d4d4d4");
        if (!TryParseSave(context.Request.Query, out var save)) return TerminalErrors.InvalidParameters("save must be true or false");
        if (sessions.Find(id) is not { } session) return TerminalErrors.SessionNotFound();

        var options = new ImageOptions(imageFormat, fg ?? new SKColor(0xd4, 0xd4, 0xd4), bg ?? new SKColor(0x1e, 0x1e, 0x1e), fontsize ?? 14);
        var (cells, cursor) = session.Screen(s =>
        {
            var snap = s.Snapshot();
            return (s.View(), (snap.CursorRow, snap.CursorCol, snap.CursorVisible));
        });
        var image = ScreenRenderer.Render(cells, cursor, options);
        if (save is not false)
        {
            try
            {
                context.Response.Headers[PathHeader] = await archive.SaveAsync(id, options.Extension, image, ct);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                if (save is true) return new ApiError(StatusCodes.Status500InternalServerError, "SCREENSHOT_SAVE_FAILED", "Could not save the screenshot: " + ex.Message);
                LogSaveFailed(logger, id, ex.Message);
                context.Response.Headers[SaveErrorHeader] = ex.Message;
            }
        }

        return Results.File(image, options.ContentType, $"terminal-{id}.{options.Extension}");
    }

    /// <summary><c>save</c>: absent is null (the default, save), <c>true</c>/<c>1</c>/bare is true, <c>false</c>/<c>0</c> false.</summary>
    private static bool TryParseSave(IQueryCollection query, out bool? save)
    {
        save = null;
        if (!query.TryGetValue("save", out var value)) return true;
        save = value.ToString() switch
        {
            "" or "true" or "1" => true,
            "false" or "0" => false,
            _ => null,
        };
        return save is not null;
    }

    private static ScreenshotFormat? ParseFormat(string? format) => format switch
    {
        null or "" or "png" => ScreenshotFormat.Png,
        "jpeg" or "jpg" => ScreenshotFormat.Jpeg,
        "gif" => ScreenshotFormat.Gif,
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Screenshot of terminal {TerminalId} not saved (save was not asked for explicitly): {Reason}")]
    private static partial void LogSaveFailed(ILogger logger, int terminalId, string reason);
}
