using System.Globalization;
using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Processes;
using HoodyKit.Daemon.Supervisor.Programs;

namespace HoodyKit.Daemon.Supervisor.Running;

/// <summary>Builds one spawn of a program from its current configuration: argv, user, directory, environment, logs, markers.</summary>
internal static class LaunchBuilder
{
    public static InstanceLaunch Build(ProgramConfig program, int? port, ProgramPaths paths, Dictionary<string, string> markers)
    {
        var user = UserDirectory.Find(program.User) ?? throw new InvalidOperationException($"User \"{program.User}\" does not exist on the system");
        var environment = new Dictionary<string, string>(program.Environment, StringComparer.Ordinal);
        if (program.Display is { } display) environment["DISPLAY"] = display;
        if (port is { } p) environment["PORT"] = p.ToString(CultureInfo.InvariantCulture);
        var stdout = program.StdoutLogfile ?? paths.DefaultLog(program.Name, "out");
        var stderr = program.StderrLogfile ?? paths.DefaultLog(program.Name, "err");
        if (port is { } instancePort)
        {
            stdout = ProgramPaths.InstanceLog(stdout, program.Name, instancePort);
            stderr = ProgramPaths.InstanceLog(stderr, program.Name, instancePort);
            markers["HOODY_PORT"] = instancePort.ToString(CultureInfo.InvariantCulture);
        }

        markers["HOODY_INSTANCE"] = Guid.NewGuid().ToString("n");
        var spec = new LaunchSpec(
            CommandBuilder.Build(program.Command, program.TerminalShell, port, program.PortParam),
            program.Directory ?? user.Home,
            user,
            environment,
            program.LogsEnabled ? stdout : null,
            program.LogsEnabled ? stderr : null,
            program.LogMaxBytes,
            program.LogBackups);
        return new InstanceLaunch(spec, markers, program.Autorestart);
    }
}
