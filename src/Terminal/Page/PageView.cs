namespace HoodyKit.Terminal.Page;

/// <summary>The page's display options, validated (null: not asked for, or not valid, so the page's default applies).</summary>
internal sealed record PageView
{
    public string? Title { get; init; }

    public int? FontSize { get; init; }

    public string? BackgroundColor { get; init; }

    public bool ReadOnly { get; init; }

    public bool HideToolbar { get; init; }

    public bool Welcome { get; init; }

    public PanelView? Panel { get; init; }
}
