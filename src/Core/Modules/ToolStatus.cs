namespace HoodyKit.Core.Modules;

/// <summary>The outcome of one <see cref="ToolProbe"/>: where it was found, or null.</summary>
public sealed record ToolStatus(ToolProbe Probe, string? Path)
{
    public bool Found => Path is not null;
}
