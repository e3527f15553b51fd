using System.Globalization;
using System.Text;
using HoodyKit.Core.Metrics;
using HoodyKit.Daemon.Supervisor.Processes;
using HoodyKit.Daemon.Supervisor.Programs;
using HoodyKit.Daemon.Supervisor.QuickStart;

namespace HoodyKit.Daemon.Supervisor;

/// <summary>The daemon's own series on <c>/api/v1/daemon/metrics</c>: per-program up, restarts, CPU and RSS.</summary>
internal sealed class DaemonMetrics(ProgramStore store, ProgramViews views, QuickStarts quickStarts) : IMetricsSource
{
    public string ModuleName => "daemon";

    public void Write(StringBuilder output)
    {
        var snapshot = ProcSnapshot.Take();
        var rows = store.All().SelectMany(program =>
        {
            var status = views.Status(program, null);
            var instances = status.Instances ?? [status];
            return instances.Select(i => (program, i, stats: i.Status == "RUNNING" ? views.Stats(program, i.Port, snapshot) : null));
        }).ToList();

        MetricsText.Header(output, "hoody_daemon_program_up", "gauge", "1 while the program (or port instance) is RUNNING");
        foreach (var (p, s, _) in rows) MetricsText.Line(output, "hoody_daemon_program_up", Labels(p.Id, p.Name, s.Port), s.Status == "RUNNING" ? 1 : 0);
        MetricsText.Header(output, "hoody_daemon_program_restarts_total", "counter", "Automatic restarts since the program was started");
        foreach (var (p, s, _) in rows) MetricsText.Line(output, "hoody_daemon_program_restarts_total", Labels(p.Id, p.Name, s.Port), s.Restarts);
        MetricsText.Header(output, "hoody_daemon_program_cpu_percent", "gauge", "CPU use of the program's whole process tree");
        foreach (var (p, s, st) in rows.Where(r => r.stats is not null)) MetricsText.Line(output, "hoody_daemon_program_cpu_percent", Labels(p.Id, p.Name, s.Port), st!.CpuPercent);
        MetricsText.Header(output, "hoody_daemon_program_memory_rss_bytes", "gauge", "Resident memory of the program's whole process tree");
        foreach (var (p, s, st) in rows.Where(r => r.stats is not null)) MetricsText.Line(output, "hoody_daemon_program_memory_rss_bytes", Labels(p.Id, p.Name, s.Port), st!.MemoryRssBytes);
        MetricsText.Header(output, "hoody_daemon_ephemeral_programs", "gauge", "Quick-start programs currently tracked");
        MetricsText.Line(output, "hoody_daemon_ephemeral_programs", "", quickStarts.Count);
    }

    private static string Labels(int id, string name, int? port) =>
        $"id=\"{id}\",name=\"{MetricsText.Escape(name)}\",port=\"{port?.ToString(CultureInfo.InvariantCulture) ?? ""}\"";
}
