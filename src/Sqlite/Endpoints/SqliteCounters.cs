using System.Text;
using HoodyKit.Core.Metrics;

namespace HoodyKit.Sqlite.Endpoints;

/// <summary>Request, error and KV operation counters for health and <c>/metrics</c>.</summary>
internal sealed class SqliteCounters : IMetricsSource
{
    private long _requests;
    private long _errors;
    private long _kvOps;

    public string ModuleName => "sqlite";

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => Interlocked.Read(ref _errors);

    public long KvOps => Interlocked.Read(ref _kvOps);

    public void Request(bool kv)
    {
        Interlocked.Increment(ref _requests);
        if (kv) Interlocked.Increment(ref _kvOps);
    }

    public void Error() => Interlocked.Increment(ref _errors);

    public void Write(StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Append("# HELP hoodykit_sqlite_requests_total Requests answered by the sqlite service.\n# TYPE hoodykit_sqlite_requests_total counter\n")
            .Append("hoodykit_sqlite_requests_total ").Append(Requests).Append('\n')
            .Append("# HELP hoodykit_sqlite_errors_total sqlite responses with status 500 or above.\n# TYPE hoodykit_sqlite_errors_total counter\n")
            .Append("hoodykit_sqlite_errors_total ").Append(Errors).Append('\n')
            .Append("# HELP hoodykit_sqlite_kv_ops_total KV operations.\n# TYPE hoodykit_sqlite_kv_ops_total counter\n")
            .Append("hoodykit_sqlite_kv_ops_total ").Append(KvOps).Append('\n');
    }
}
