using System.Text;
using HoodyKit.Core.Metrics;
using HoodyKit.Pipe.Engine;

namespace HoodyKit.Pipe;

/// <summary>The pipe's own series on <c>/api/v1/pipe/metrics</c>.</summary>
internal sealed class PipeMetrics(PipeHub hub) : IMetricsSource
{
    public string ModuleName => PipeModule.ModuleName;

    public void Write(StringBuilder output)
    {
        MetricsText.Header(output, "hoody_pipe_pending", "gauge", "Pipes waiting for their sender or receivers");
        MetricsText.Line(output, "hoody_pipe_pending", "", hub.PendingCount);
        MetricsText.Header(output, "hoody_pipe_active", "gauge", "Transfers streaming now");
        MetricsText.Line(output, "hoody_pipe_active", "", hub.ActiveCount);
        MetricsText.Header(output, "hoody_pipe_transfers_total", "counter", "Finished transfers, by outcome");
        MetricsText.Line(output, "hoody_pipe_transfers_total", "outcome=\"complete\"", hub.CompletedCount);
        MetricsText.Line(output, "hoody_pipe_transfers_total", "outcome=\"failed\"", hub.FailedCount);
        MetricsText.Header(output, "hoody_pipe_bytes_total", "counter", "Bytes read from senders of finished transfers");
        MetricsText.Line(output, "hoody_pipe_bytes_total", "", hub.BytesTransferred);
    }
}
