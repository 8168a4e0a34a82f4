using System.Threading.Channels;

namespace HarvestOrleans.Invocation;

/// <summary>
/// Admits invocations within the VM's current cores. All admission state is owned by one loop that reads an event
/// channel (enqueue, release, resize, abandon), so there are no locks: callers only post events and await their ticket.
/// Tickets are admitted in arrival order while their cores fit; a ticket whose function is at its per-VM concurrency
/// limit steps aside (deferred) without blocking others. Shrinking cores never touches running work; it only stops
/// admissions until usage fits. Growing admits waiting work at once.
/// </summary>
public sealed class AdmissionQueue : IAsyncDisposable
{
    private const double Epsilon = 1e-9;

    private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _capacity;
    private readonly Task _loop;
    private int _queued;

    // Owned by the loop.
    private readonly Queue<AdmissionTicket> _waiting = new();
    private readonly Dictionary<string, Queue<AdmissionTicket>> _deferred = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _runningByFunction = new(StringComparer.Ordinal);
    private double _cores;
    private double _inUse;
    private double _memoryInUse;
    private int _running;

    // Published by the loop for readers on other threads.
    private double _publishedCores;
    private double _publishedInUse;
    private double _publishedMemoryInUse;
    private double _peakInUse;
    private double _peakMemoryInUse;
    private int _publishedRunning;

    public AdmissionQueue(double cores, int capacity)
    {
        _cores = _publishedCores = cores;
        _capacity = capacity;
        _loop = Task.Run(RunAsync);
    }

    public double Cores => Volatile.Read(ref _publishedCores);

    public double CoresInUse => Volatile.Read(ref _publishedInUse);

    public double MemoryInUseMb => Volatile.Read(ref _publishedMemoryInUse);

    public int Running => Volatile.Read(ref _publishedRunning);

    /// <summary>Tickets waiting (including any abandoned ones not yet swept).</summary>
    public int QueueLength => Volatile.Read(ref _queued);

    /// <summary>Peak cores and memory in use since the last call; resets the peak to the current usage.</summary>
    public (double Cores, double MemoryMb) TakePeak()
    {
        var inUse = CoresInUse;
        var memory = MemoryInUseMb;
        var peak = Math.Max(Interlocked.Exchange(ref _peakInUse, inUse), inUse);
        var peakMemory = Math.Max(Interlocked.Exchange(ref _peakMemoryInUse, memory), memory);
        return (peak, peakMemory);
    }

    /// <summary>Queues the ticket; false when the queue is full.</summary>
    public bool TryEnqueue(AdmissionTicket ticket)
    {
        if (Interlocked.Increment(ref _queued) > _capacity)
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }

        if (!_events.Writer.TryWrite(new Event(EventKind.Enqueue, ticket, 0)))
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }

        return true;
    }

    /// <summary>Returns an admitted ticket's cores. Call exactly once per admitted ticket, when its work has really ended.</summary>
    public void Release(AdmissionTicket ticket) => _events.Writer.TryWrite(new Event(EventKind.Release, ticket, 0));

    public void Resize(double cores) => _events.Writer.TryWrite(new Event(EventKind.Resize, null, cores));

    /// <summary>Lets the loop sweep a ticket whose caller stopped waiting.</summary>
    public void NotifyAbandoned() => _events.Writer.TryWrite(new Event(EventKind.Sweep, null, 0));

    private async Task RunAsync()
    {
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var e))
            {
                Apply(e);
            }

            Pump();
            Publish();
        }

        var stopped = new ObjectDisposedException(nameof(AdmissionQueue), "The VM's invoker is shutting down.");
        foreach (var ticket in _waiting.Concat(_deferred.Values.SelectMany(q => q)))
        {
            ticket.Cancel(stopped);
        }
    }

    private void Apply(Event e)
    {
        switch (e.Kind)
        {
            case EventKind.Enqueue:
                _waiting.Enqueue(e.Ticket!);
                break;
            case EventKind.Release:
                var t = e.Ticket!;
                _inUse = Math.Max(0, _inUse - t.Cores);
                _memoryInUse = Math.Max(0, _memoryInUse - t.MemoryMb);
                _running--;
                _runningByFunction[t.Function] = _runningByFunction.GetValueOrDefault(t.Function) - 1;
                break;
            case EventKind.Resize:
                _cores = e.Cores;
                break;
        }
    }

    private void Pump()
    {
        // Deferred tickets are older than anything in the main queue: give them the first chance.
        foreach (var (function, deferred) in _deferred)
        {
            while (deferred.Count > 0 && HasRoom(function, deferred.Peek()) && Fits(deferred.Peek()))
            {
                Admit(deferred.Dequeue());
            }
        }

        while (_waiting.Count > 0)
        {
            var head = _waiting.Peek();
            if (!IsWaiting(head))
            {
                _waiting.Dequeue();
                Interlocked.Decrement(ref _queued);
                continue;
            }

            if (!HasRoom(head.Function, head))
            {
                _waiting.Dequeue();
                if (!_deferred.TryGetValue(head.Function, out var queue))
                {
                    _deferred[head.Function] = queue = new Queue<AdmissionTicket>();
                }

                queue.Enqueue(head);
                continue;
            }

            if (!Fits(head))
            {
                break; // first come, first served: smaller tickets behind do not overtake
            }

            _waiting.Dequeue();
            Admit(head);
        }

        foreach (var deferred in _deferred.Values)
        {
            while (deferred.Count > 0 && !IsWaiting(deferred.Peek()))
            {
                deferred.Dequeue();
                Interlocked.Decrement(ref _queued);
            }
        }
    }

    private static bool IsWaiting(AdmissionTicket ticket) => ticket.IsQueued;

    private bool HasRoom(string function, AdmissionTicket ticket) => _runningByFunction.GetValueOrDefault(function) < ticket.MaxConcurrency;

    private bool Fits(AdmissionTicket ticket) => _inUse + ticket.Cores <= _cores + Epsilon;

    private void Admit(AdmissionTicket ticket)
    {
        Interlocked.Decrement(ref _queued);
        if (!ticket.TryAdmit())
        {
            return; // abandoned meanwhile
        }

        _inUse += ticket.Cores;
        _memoryInUse += ticket.MemoryMb;
        _running++;
        _runningByFunction[ticket.Function] = _runningByFunction.GetValueOrDefault(ticket.Function) + 1;
        Publish();
    }

    private void Publish()
    {
        Volatile.Write(ref _publishedCores, _cores);
        Volatile.Write(ref _publishedInUse, _inUse);
        Volatile.Write(ref _publishedMemoryInUse, _memoryInUse);
        Volatile.Write(ref _publishedRunning, _running);
        RaiseTo(ref _peakInUse, _inUse);
        RaiseTo(ref _peakMemoryInUse, _memoryInUse);
    }

    private static void RaiseTo(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private enum EventKind
    {
        Enqueue,
        Release,
        Resize,
        Sweep,
    }

    private readonly record struct Event(EventKind Kind, AdmissionTicket? Ticket, double Cores);
}
