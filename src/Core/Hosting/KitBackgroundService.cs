using Microsoft.Extensions.Hosting;

namespace HoodyKit.Core.Hosting;

/// <summary>
/// A <see cref="BackgroundService"/> whose loop is not tied to the host's start token. The base class starts
/// <c>ExecuteAsync</c> with <c>Task.Run(…, token)</c> on a token linked to the one <c>StartAsync</c> gets; when the host
/// gives up during start-up (a port in use) that token is cancelled, a loop not yet running becomes a cancelled task,
/// and the host logs it as a fatal background-service failure next to the one line that says what went wrong. The
/// loop still stops with the host (<c>StopAsync</c>, <c>Dispose</c>) and must catch its own cancellation.
/// </summary>
public abstract class KitBackgroundService : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken) => base.StartAsync(CancellationToken.None);
}
