namespace HarvestOrleans.Tests.Invocation;

/// <summary>Timers that fire only when the test says so, including disposed ones (a real timer's callback may
/// already be running when its owner disposes it).</summary>
internal sealed class ManualTimers : TimeProvider
{
    private readonly List<(TimerCallback Callback, object? State)> _timers = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_timers)
        {
            _timers.Add((callback, state));
        }

        return new ManualTimer();
    }

    public int FireAll()
    {
        (TimerCallback Callback, object? State)[] timers;
        lock (_timers)
        {
            timers = [.. _timers];
            _timers.Clear();
        }

        foreach (var (callback, state) in timers)
        {
            callback(state);
        }

        return timers.Length;
    }

    private sealed class ManualTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
