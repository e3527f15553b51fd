using System.Text;

namespace HoodyKit.Core.Metrics;

/// <summary>A module's own Prometheus series, appended to its <c>/metrics</c> text.</summary>
public interface IMetricsSource
{
    /// <summary>The module whose metrics page carries these series.</summary>
    string ModuleName { get; }

    /// <summary>Appends complete exposition-format lines (with HELP/TYPE) to <paramref name="output"/>.</summary>
    void Write(StringBuilder output);
}
