namespace HarvestOrleans.Simulation.Engine;

/// <summary>
/// Events in time order; events at the same microsecond in the order they were scheduled, so a run is deterministic.
/// </summary>
internal sealed class EventQueue
{
    private readonly PriorityQueue<SimEvent, (long AtUs, long Sequence)> _queue = new();
    private long _sequence;

    public int Count => _queue.Count;

    public void Schedule(long atUs, SimEvent e) => _queue.Enqueue(e, (atUs, _sequence++));

    public bool TryDequeue(out SimEvent e, out long atUs)
    {
        if (_queue.TryDequeue(out e, out var key))
        {
            atUs = key.AtUs;
            return true;
        }

        atUs = 0;
        return false;
    }
}
