namespace HoodyKit.Daemon.Supervisor.Running;

/// <summary>Fan-out of state changes to subscribers (webhooks, metrics); a subscriber must not block.</summary>
internal sealed class StateChanges
{
    private readonly Lock _gate = new();
    private Action<StateChange>[] _subscribers = [];

    public void Subscribe(Action<StateChange> subscriber)
    {
        lock (_gate) _subscribers = [.. _subscribers, subscriber];
    }

    public void Publish(StateChange change)
    {
        foreach (var subscriber in _subscribers) subscriber(change);
    }
}
