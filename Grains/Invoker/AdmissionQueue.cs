using System.Collections.Concurrent;
using System.Threading.Channels;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Invoker;

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
/// <para>
/// The VM's cores, the cores in use and whether admission is closed share one 64-bit word changed only by
/// compare-and-swap, so every admission is checked against the cores and the gate of the same instant: no admission
/// can pass a concurrent shrink or <see cref="Close"/>. An invocation counts in <see cref="Running"/> before it can be
/// admitted, so once <see cref="Close"/> has returned, <see cref="Running"/> only falls.
/// </para>
/// </summary>
public sealed class AdmissionQueue : IAsyncDisposable
{
    private const double Milli = CoreBudget.Milli;

    // The budget word: bits 0-30 the cores in use, bits 31-61 the VM's cores (both in milli-cores), bit 62 closed.
    private const int FieldBits = 31;
    private const long FieldMask = (1L << FieldBits) - 1;
    private const long ClosedBit = 1L << 62;

    /// <summary>The most cores a queue can be given.</summary>
    public const double MaxCores = FieldMask / Milli;

    private readonly Channel<Event> _events = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, StrongBox> _runningByFunction = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private readonly Task _loop;

    // Shared counters (interlocked).
    private long _budget;
    private long _memoryMilli;
    private long _peakInUseMilli;
    private long _peakMemoryMilli;
    private int _running;
    private int _queued;
    private Exception _closedReason = new AdmissionCancelledException("The VM takes no new invocations.");

    // Owned by the loop.
    private readonly AdmissionLine<AdmissionTicket> _line = new();

    public AdmissionQueue(double cores, int capacity)
    {
        _budget = CoresField(cores) << FieldBits;
        _capacity = capacity;
        _loop = Task.Run(RunAsync);
    }

    public double Cores => ((Volatile.Read(ref _budget) >> FieldBits) & FieldMask) / Milli;

    public double CoresInUse => (Volatile.Read(ref _budget) & FieldMask) / Milli;

    /// <summary>True between <see cref="Close"/> and <see cref="Open"/>: nothing is admitted.</summary>
    public bool IsClosed => (Volatile.Read(ref _budget) & ClosedBit) != 0;

    /// <summary>Test hook: called at every admission with the cores in use (including it) and the VM's cores of the same instant, in milli-cores.</summary>
    internal Action<AdmissionTicket, long, long>? OnAdmitted { get; set; }

    public double MemoryInUseMb => Volatile.Read(ref _memoryMilli) / Milli;

    public int Running => Volatile.Read(ref _running);

    /// <summary>Tickets waiting (including any abandoned ones not yet swept).</summary>
    public int QueueLength => Volatile.Read(ref _queued);

    /// <summary>Admitted invocations of <paramref name="function"/> running now, over its versions (keys <c>name@version</c>).</summary>
    public int RunningOf(string function)
    {
        var running = 0;
        foreach (var (key, slot) in _runningByFunction)
        {
            if (key.Length > function.Length && key[function.Length] == '@' && key.StartsWith(function, StringComparison.Ordinal))
            {
                running += Volatile.Read(ref slot.Value);
            }
        }

        return running;
    }

    /// <summary>Peak cores and memory in use since the last call; resets the peak to the current usage.</summary>
    public (double Cores, double MemoryMb) TakePeak()
    {
        var inUse = Volatile.Read(ref _budget) & FieldMask;
        var memory = Volatile.Read(ref _memoryMilli);
        var peak = Math.Max(Interlocked.Exchange(ref _peakInUseMilli, inUse), inUse);
        var peakMemory = Math.Max(Interlocked.Exchange(ref _peakMemoryMilli, memory), memory);
        return (peak / Milli, peakMemory / Milli);
    }

    /// <summary>
    /// Admits the ticket at once if nothing waits and it fits, else queues it; false when the queue is full. While the
    /// queue is closed the ticket is turned away (its <see cref="AdmissionTicket.WhenAdmitted"/> faults).
    /// </summary>
    public bool TryEnqueue(AdmissionTicket ticket)
    {
        if (IsClosed)
        {
            ticket.Cancel(Volatile.Read(ref _closedReason));
            return true;
        }

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

    /// <summary>
    /// Waits at most <paramref name="maxWait"/> (on <paramref name="time"/>'s clock) for the ticket's admission. True: it
    /// holds its cores and must be released; false: the wait ran out first and the ticket holds nothing. A timeout that
    /// fires as the pump admits the ticket is decided by the ticket alone, so exactly one of the two happens. Faults with
    /// <see cref="AdmissionCancelledException"/> when the ticket is turned away.
    /// </summary>
    public async Task<bool> WaitAsync(AdmissionTicket ticket, TimeSpan maxWait, TimeProvider time)
    {
        var outcome = ticket.WhenAdmitted;
        if (!outcome.IsCompleted)
        {
            using var timer = time.CreateTimer(static state => ((WaitTimeout)state!).Fire(), new WaitTimeout(this, ticket), maxWait, Timeout.InfiniteTimeSpan);
            return await outcome.ConfigureAwait(false);
        }

        return await outcome.ConfigureAwait(false);
    }

    /// <summary>Returns an admitted ticket's cores. Call exactly once per admitted ticket, when its work has really ended.</summary>
    /// <exception cref="InvalidOperationException">The ticket was not admitted, or was already released.</exception>
    public void Release(AdmissionTicket ticket)
    {
        ticket.MarkReleased();
        Interlocked.Add(ref _budget, -ToMilli(ticket.Cores));
        Interlocked.Add(ref _memoryMilli, -ToMilli(ticket.MemoryMb));
        Interlocked.Decrement(ref _running);
        Interlocked.Decrement(ref SlotOf(ticket.Function).Value);
        if (Volatile.Read(ref _queued) > 0)
        {
            _events.Writer.TryWrite(new Event(EventKind.Pump, null));
        }
    }

    /// <summary>Sets the VM's cores (at most <see cref="MaxCores"/>). Running work is never touched.</summary>
    public void Resize(double cores)
    {
        var field = CoresField(cores);
        Update(budget => (budget & ~(FieldMask << FieldBits)) | (field << FieldBits));
        _events.Writer.TryWrite(new Event(EventKind.Pump, null));
    }

    /// <summary>
    /// Closes admission: from the moment this is called nothing is admitted (not even a ticket that fits right now) until
    /// <see cref="Open"/>; waiting tickets and any enqueued later are turned away with <paramref name="reason"/>. Running
    /// ones are untouched, and since an invocation counts in <see cref="Running"/> before it can be admitted,
    /// <see cref="Running"/> only falls from now on: a drain that sees it at zero has seen everything.
    /// </summary>
    public void Close(Exception reason)
    {
        Volatile.Write(ref _closedReason, reason);
        Update(budget => budget | ClosedBit);
        CancelWaiting(reason);
    }

    /// <summary>Opens admission again (the VM is active again).</summary>
    public void Open()
    {
        Update(budget => budget & ~ClosedBit);
        _events.Writer.TryWrite(new Event(EventKind.Pump, null));
    }

    /// <summary>Fails every waiting ticket with <paramref name="reason"/> (none of them ran); running ones are untouched.</summary>
    public void CancelWaiting(Exception reason) => _events.Writer.TryWrite(new Event(EventKind.CancelWaiting, null, reason));

    /// <summary>Lets the loop sweep a ticket whose caller stopped waiting.</summary>
    public void NotifyAbandoned() => _events.Writer.TryWrite(new Event(EventKind.Pump, null));

    /// <summary>
    /// Takes the ticket's cores and a concurrency slot of its function if both are free and admission is open; admits it.
    /// True when the ticket is done with (admitted, or found abandoned); false when it must keep waiting.
    /// </summary>
    private bool TryTake(AdmissionTicket ticket)
    {
        var slot = SlotOf(ticket.Function);
        if (Interlocked.Increment(ref slot.Value) > ticket.MaxConcurrency)
        {
            Interlocked.Decrement(ref slot.Value);
            return false;
        }

        // Counted as running before it can be admitted: a drain that closed admission and then sees zero running
        // cannot miss an admission under way.
        Interlocked.Increment(ref _running);
        var cores = ToMilli(ticket.Cores);
        var budget = Volatile.Read(ref _budget);
        while (true)
        {
            var coresField = (budget >> FieldBits) & FieldMask;
            if ((budget & ClosedBit) != 0 || !CoreBudget.Fits(budget & FieldMask, cores, coresField))
            {
                Interlocked.Decrement(ref _running);
                Interlocked.Decrement(ref slot.Value);
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _budget, budget + cores, budget);
            if (seen == budget)
            {
                break;
            }

            budget = seen;
        }

        if (!ticket.TryAdmit())
        {
            // Abandoned while waiting: give everything back.
            Interlocked.Add(ref _budget, -cores);
            Interlocked.Decrement(ref _running);
            Interlocked.Decrement(ref slot.Value);
            return true;
        }

        var inUse = (budget & FieldMask) + cores;
        OnAdmitted?.Invoke(ticket, inUse, (budget >> FieldBits) & FieldMask);
        var memory = Interlocked.Add(ref _memoryMilli, ToMilli(ticket.MemoryMb));
        RaiseTo(ref _peakInUseMilli, inUse);
        RaiseTo(ref _peakMemoryMilli, memory);
        ticket.CompleteAdmission(); // last: its caller may release it at once
        return true;
    }

    private void Update(Func<long, long> change)
    {
        var budget = Volatile.Read(ref _budget);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _budget, change(budget), budget);
            if (seen == budget)
            {
                return;
            }

            budget = seen;
        }
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
                    if (IsClosed)
                    {
                        // Enqueued as admission closed: turn it away like the ones already waiting.
                        e.Ticket!.Cancel(Volatile.Read(ref _closedReason));
                        Interlocked.Decrement(ref _queued);
                    }
                    else
                    {
                        _line.Enqueue(e.Ticket!);
                    }
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

    private void CancelAll(Exception reason) => _line.Clear(new Taker(this), ticket => ticket.Cancel(reason));

    private void Pump() => _line.Pump(new Taker(this));

    private StrongBox SlotOf(string function) => _runningByFunction.GetOrAdd(function, static _ => new StrongBox());

    private static long ToMilli(double value) => CoreBudget.ToMilli(value);

    private static long CoresField(double cores) => cores is >= 0 and <= MaxCores
        ? ToMilli(cores)
        : throw new ArgumentOutOfRangeException(nameof(cores), cores, $"A VM's cores must be in [0, {MaxCores}].");

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
        Close(new AdmissionCancelledException("The VM's invoker is shutting down."));
        _events.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    /// <summary>This queue as its wait line sees it.</summary>
    private readonly struct Taker(AdmissionQueue queue) : IAdmissionTaker<AdmissionTicket>
    {
        public bool TryTake(AdmissionTicket ticket) => queue.TryTake(ticket);

        public bool IsAbandoned(AdmissionTicket ticket) => !ticket.IsQueued;

        public bool AtLimit(AdmissionTicket ticket) => Volatile.Read(ref queue.SlotOf(ticket.Function).Value) >= ticket.MaxConcurrency;

        public string FunctionOf(AdmissionTicket ticket) => ticket.Function;

        public void Dequeued(AdmissionTicket ticket) => Interlocked.Decrement(ref queue._queued);
    }

    private sealed class StrongBox
    {
        public int Value;
    }

    private sealed class WaitTimeout(AdmissionQueue queue, AdmissionTicket ticket)
    {
        public void Fire()
        {
            if (ticket.TryAbandon())
            {
                queue.NotifyAbandoned();
            }
        }
    }

    private enum EventKind
    {
        Enqueue,
        Pump,
        CancelWaiting,
    }

    private readonly record struct Event(EventKind Kind, AdmissionTicket? Ticket, Exception? Reason = null);
}
