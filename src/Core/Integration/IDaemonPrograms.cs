using System.Text.Json.Nodes;

namespace HoodyKit.Core.Integration;

/// <summary>
/// The daemon module's configured programs, for other modules (terminal's <c>/api/v1/system/daemon</c>).
/// Implemented by the daemon; absent when the daemon module is not in the build.
/// </summary>
public interface IDaemonPrograms
{
    /// <summary>The programs as <c>programs.json</c> holds them.</summary>
    JsonArray List();
}
