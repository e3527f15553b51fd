using HoodyKit.Terminal.Screen;
using HoodyKit.Terminal.Sessions;
using SkiaSharp;

namespace HoodyKit.Terminal.Endpoints;

/// <summary><c>GET /screenshot</c>: the terminal screen as PNG or JPEG, drawn from the screen model.</summary>
internal static class ScreenshotEndpoint
{
    public static RouteGroupBuilder MapScreenshot(this RouteGroupBuilder api)
    {
        api.MapGet("/screenshot", Capture);
        return api;
    }

    private static IResult Capture(TerminalSessions sessions, string? terminal_id, string? format, string? foreground, string? background, int? fontsize)
    {
        if (!TerminalId.TryParse(terminal_id ?? "1", out var id)) return TerminalErrors.InvalidTerminalId();
        if (format is not (null or "png" or "jpeg" or "jpg"))
            return TerminalErrors.InvalidParameters(format == "gif" ? "format gif is not supported yet: use png or jpeg" : "format must be png or jpeg");
        if (fontsize is < 6 or > 72) return TerminalErrors.InvalidParameters("fontsize must be between 6 and 72");
        var fg = ScreenRenderer.ParseColour(foreground);
        var bg = ScreenRenderer.ParseColour(background);
        if ((foreground is not null && fg is null) || (background is not null && bg is null))
            return TerminalErrors.InvalidParameters("foreground and background must be colours such as #d4d4d4");
        if (sessions.Find(id) is not { } session) return TerminalErrors.SessionNotFound();
        var options = new ImageOptions(format is "jpeg" or "jpg" ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png,
            fg ?? new SKColor(0xd4, 0xd4, 0xd4), bg ?? new SKColor(0x1e, 0x1e, 0x1e), fontsize ?? 14);
        var (cells, cursor) = session.Screen(s =>
        {
            var snap = s.Snapshot();
            return (s.View(), (snap.CursorRow, snap.CursorCol, snap.CursorVisible));
        });
        return Results.File(ScreenRenderer.Render(cells, cursor, options), options.ContentType, $"terminal-{id}.{options.Extension}");
    }
}
