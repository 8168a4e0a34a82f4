using System.Collections.Concurrent;
using System.Threading.Channels;

namespace HarvestOrleans.Invocation;

/// <summary>
/// Admits invocations within the VM's current cores.
/// <para>
/// Usage (cores, memory, running invocations per function) lives in shared counters changed only by compare-and-swap,
/// so admission can never exceed the cores. When nothing is waiting, a ticket that fits is admitted on the caller's
/// thread and a release touches nothing else: the common case costs a few interlocked operations. Otherwise tickets
/// wait in arrival order in a loop that owns the wait queue and reads one event channel (enqueue, release, resize,
/// abandon). A ticket whose function is at its per-VM concurrency limit steps aside without blocking others.
/// </para>
/// Shrinking cores never touches running work; it only stops admissions until usage fits. Growing admits waiting work
/// at once.
/// </summary>
public sealed class AdmissionQueue : IAsyncDisposable
{
    private const double Milli = 1000;

    private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, StrongBox> _runningByFunction = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private readonly Task _loop;

    // Shared counters (interlocked).
    private long _coresMilli;
    private long _inUseMilli;
    private long _memoryMilli;
    private long _peakInUseMilli;
    private long _peakMemoryMilli;
    private int _running;
    private int _queued;

    // Owned by the loop.
    private readonly Queue<AdmissionTicket> _waiting = new();
    private readonly Dictionary<string, Queue<AdmissionTicket>> _deferred = new(StringComparer.Ordinal);

    public AdmissionQueue(double cores, int capacity)
    {
        _coresMilli = ToMilli(cores);
        _capacity = capacity;
        _loop = Task.Run(RunAsync);
    }

    public double Cores => Volatile.Read(ref _coresMilli) / Milli;

    public double CoresInUse => Volatile.Read(ref _inUseMilli) / Milli;

    public double MemoryInUseMb => Volatile.Read(ref _memoryMilli) / Milli;

    public int Running => Volatile.Read(ref _running);

    /// <summary>Tickets waiting (including any abandoned ones not yet swept).</summary>
    public int QueueLength => Volatile.Read(ref _queued);

    /// <summary>Peak cores and memory in use since the last call; resets the peak to the current usage.</summary>
    public (double Cores, double MemoryMb) TakePeak()
    {
        var inUse = Volatile.Read(ref _inUseMilli);
        var memory = Volatile.Read(ref _memoryMilli);
        var peak = Math.Max(Interlocked.Exchange(ref _peakInUseMilli, inUse), inUse);
        var peakMemory = Math.Max(Interlocked.Exchange(ref _peakMemoryMilli, memory), memory);
        return (peak / Milli, peakMemory / Milli);
    }

    /// <summary>Admits the ticket at once if nothing waits and it fits, else queues it; false when the queue is full.</summary>
    public bool TryEnqueue(AdmissionTicket ticket)
    {
        if (Volatile.Read(ref _queued) == 0 && TryTake(ticket))
        {
            return true;
        }

        if (Interlocked.Increment(ref _queued) > _capacity || !_events.Writer.TryWrite(new Event(EventKind.Enqueue, ticket)))
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }

        return true;
    }

    /// <summary>Returns an admitted ticket's cores. Call exactly once per admitted ticket, when its work has really ended.</summary>
    public void Release(AdmissionTicket ticket)
    {
        Interlocked.Add(ref _inUseMilli, -ToMilli(ticket.Cores));
        Interlocked.Add(ref _memoryMilli, -ToMilli(ticket.MemoryMb));
        Interlocked.Decrement(ref _running);
        Interlocked.Decrement(ref SlotOf(ticket.Function).Value);
        if (Volatile.Read(ref _queued) > 0)
        {
            _events.Writer.TryWrite(new Event(EventKind.Pump, null));
        }
    }

    public void Resize(double cores)
    {
        Volatile.Write(ref _coresMilli, ToMilli(cores));
        _events.Writer.TryWrite(new Event(EventKind.Pump, null));
    }

    /// <summary>Fails every waiting ticket with <paramref name="reason"/> (none of them ran); running ones are untouched.</summary>
    public void CancelWaiting(Exception reason) => _events.Writer.TryWrite(new Event(EventKind.CancelWaiting, null, reason));

    /// <summary>Lets the loop sweep a ticket whose caller stopped waiting.</summary>
    public void NotifyAbandoned() => _events.Writer.TryWrite(new Event(EventKind.Pump, null));

    /// <summary>Takes the ticket's cores and a concurrency slot of its function if both are free; admits it.</summary>
    private bool TryTake(AdmissionTicket ticket)
    {
        var slot = SlotOf(ticket.Function);
        if (Interlocked.Increment(ref slot.Value) > ticket.MaxConcurrency)
        {
            Interlocked.Decrement(ref slot.Value);
            return false;
        }

        var cores = ToMilli(ticket.Cores);
        var inUse = Volatile.Read(ref _inUseMilli);
        while (true)
        {
            if (inUse + cores > Volatile.Read(ref _coresMilli))
            {
                Interlocked.Decrement(ref slot.Value);
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _inUseMilli, inUse + cores, inUse);
            if (seen == inUse)
            {
                break;
            }

            inUse = seen;
        }

        if (!ticket.TryAdmit())
        {
            // Abandoned while waiting: give everything back.
            Interlocked.Add(ref _inUseMilli, -cores);
            Interlocked.Decrement(ref slot.Value);
            return true;
        }

        var memory = Interlocked.Add(ref _memoryMilli, ToMilli(ticket.MemoryMb));
        Interlocked.Increment(ref _running);
        RaiseTo(ref _peakInUseMilli, inUse + cores);
        RaiseTo(ref _peakMemoryMilli, memory);
        return true;
    }

    private async Task RunAsync()
    {
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var e))
            {
                if (e.Kind == EventKind.Enqueue)
                {
                    _waiting.Enqueue(e.Ticket!);
                }
                else if (e.Kind == EventKind.CancelWaiting)
                {
                    CancelAll(e.Reason!);
                }
            }

            Pump();
        }

        CancelAll(new AdmissionCancelledException("The VM's invoker is shutting down."));
    }

    private void CancelAll(Exception reason)
    {
        foreach (var ticket in _waiting.Concat(_deferred.Values.SelectMany(q => q)))
        {
            ticket.Cancel(reason);
            Interlocked.Decrement(ref _queued);
        }

        _waiting.Clear();
        foreach (var queue in _deferred.Values)
        {
            queue.Clear();
        }
    }

    private void Pump()
    {
        // Deferred tickets are older than anything in the main queue: give them the first chance.
        foreach (var deferred in _deferred.Values)
        {
            while (deferred.Count > 0 && (!deferred.Peek().IsQueued || TryTake(deferred.Peek())))
            {
                deferred.Dequeue();
                Interlocked.Decrement(ref _queued);
            }
        }

        while (_waiting.Count > 0)
        {
            var head = _waiting.Peek();
            if (!head.IsQueued || TryTake(head))
            {
                _waiting.Dequeue();
                Interlocked.Decrement(ref _queued);
                continue;
            }

            if (Volatile.Read(ref SlotOf(head.Function).Value) >= head.MaxConcurrency)
            {
                // At its function's limit: step aside so the tickets behind it are not blocked.
                _waiting.Dequeue();
                if (!_deferred.TryGetValue(head.Function, out var queue))
                {
                    _deferred[head.Function] = queue = new Queue<AdmissionTicket>();
                }

                queue.Enqueue(head);
                continue;
            }

            break; // its cores do not fit: first come, first served, smaller tickets behind do not overtake
        }
    }

    private StrongBox SlotOf(string function) => _runningByFunction.GetOrAdd(function, static _ => new StrongBox());

    private static long ToMilli(double value) => (long)Math.Round(value * Milli);

    private static void RaiseTo(ref long location, long value)
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

    private sealed class StrongBox
    {
        public int Value;
    }

    private enum EventKind
    {
        Enqueue,
        Pump,
        CancelWaiting,
    }

    private readonly record struct Event(EventKind Kind, AdmissionTicket? Ticket, Exception? Reason = null);
}
