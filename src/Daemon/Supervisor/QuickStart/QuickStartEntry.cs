using HoodyKit.Daemon.Supervisor.Models;
using HoodyKit.Daemon.Supervisor.Running;

namespace HoodyKit.Daemon.Supervisor.QuickStart;

/// <summary>One live quick-start: its program, instance and timers (TTL expiry, cleanup after exit).</summary>
internal sealed class QuickStartEntry(string id, ProgramConfig program, DateTimeOffset createdAt, DateTimeOffset? expiresAt)
{
    public string Id => id;

    public ProgramConfig Program => program;

    public DateTimeOffset CreatedAt => createdAt;

    public DateTimeOffset? ExpiresAt => expiresAt;

    public ProgramInstance Instance { get; set; } = null!;

    public ITimer? Expiry { get; set; }

    public ITimer? Grace { get; set; }

    public void DisposeTimers()
    {
        Expiry?.Dispose();
        Grace?.Dispose();
    }
}
