using System.Text.Json;
using System.Text.Json.Nodes;
using HoodyKit.Core.Integration;
using HoodyKit.Daemon.Supervisor.Programs;

namespace HoodyKit.Daemon.Supervisor;

/// <summary>The daemon's side of <see cref="IDaemonPrograms"/>.</summary>
internal sealed class DaemonProgramsForModules(ProgramStore store) : IDaemonPrograms
{
    public JsonArray List() =>
        JsonSerializer.SerializeToNode([.. store.All()], DaemonStateJsonContext.Default.ListProgramConfig)!.AsArray();
}
