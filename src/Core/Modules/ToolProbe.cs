namespace HoodyKit.Core.Modules;

/// <summary>An optional external tool a module uses: <paramref name="Command"/> is looked up on PATH.</summary>
/// <param name="Command">Executable name, e.g. <c>xdotool</c>.</param>
/// <param name="Package">Debian package that provides it.</param>
/// <param name="Feature">What stops working without it.</param>
public sealed record ToolProbe(string Command, string Package, string Feature);
