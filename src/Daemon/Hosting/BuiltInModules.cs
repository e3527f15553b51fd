using HoodyKit.Core.Modules;
using HoodyKit.Daemon.Supervisor;
using HoodyKit.Pipe;
using HoodyKit.Sqlite;
using HoodyKit.Terminal;

namespace HoodyKit.Daemon.Hosting;

/// <summary>The modules this build of hoodykit hosts, in listing order. Each service library adds its one line here.</summary>
public static class BuiltInModules
{
    public static IReadOnlyList<IKitModule> Create() => [new DaemonModule(), new TerminalModule(), new PipeModule(), new SqliteModule()];
}
