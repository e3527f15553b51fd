using HoodyKit.Core.Hosting;

namespace HoodyKit.Daemon.Hosting;

/// <summary>Validated host settings: where to listen and log, plus the settings modules read.</summary>
public sealed record HostSettings(IReadOnlyList<ListenAddress> Listen, KitSettings Kit, KitLogOptions Log, bool InsecureNoAuth);
