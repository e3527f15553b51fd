namespace HoodyKit.Core.Threading;

/// <summary>
/// Starts work that outlives the request that asked for it (a supervised program, a terminal session) without that
/// request's <see cref="ExecutionContext"/>: flowed, it would keep the request's <c>Activity</c>, logging scopes and
/// everything they reference reachable for as long as the work runs (~40 KB per supervised program, measured).
/// </summary>
public static class Detached
{
    /// <summary><see cref="Task.Run(Func{Task})"/> with the caller's execution context left behind.</summary>
    public static Task Run(Func<Task> work)
    {
        using (ExecutionContext.SuppressFlow())
            return Task.Run(work);
    }

    /// <summary>A background thread started with no execution context.</summary>
    public static Thread StartThread(ThreadStart body, string name)
    {
        var thread = new Thread(body) { IsBackground = true, Name = name };
        thread.UnsafeStart();
        return thread;
    }
}
