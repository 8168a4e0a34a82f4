namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// One invocation waiting for (then holding) cores on this VM. Its fate is decided once, by whichever comes first:
/// the queue admits it, its caller abandons it (e.g. its queue wait ran out), or the queue turns it away.
/// </summary>
public sealed class AdmissionTicket(string function, double cores, double memoryMb, int maxConcurrency)
{
    private const int Queued = 0, Admitted = 1, Abandoned = 2, Released = 3;
    private readonly TaskCompletionSource<bool> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    public string Function { get; } = function;

    public double Cores { get; } = cores;

    public double MemoryMb { get; } = memoryMb;

    public int MaxConcurrency { get; } = maxConcurrency;

    /// <summary>
    /// The ticket's fate: true once it holds its cores (it must then run and be released exactly once), false if it was
    /// abandoned first (it holds nothing); faults with <see cref="AdmissionCancelledException"/> if the queue turned it
    /// away (the VM drains or shuts down).
    /// </summary>
    public Task<bool> WhenAdmitted => _outcome.Task;

    /// <summary>The caller gives up waiting; false if the ticket was admitted (or turned away) first.</summary>
    public bool TryAbandon()
    {
        if (Interlocked.CompareExchange(ref _state, Abandoned, Queued) != Queued)
        {
            return false;
        }

        _outcome.TrySetResult(false);
        return true;
    }

    internal bool IsQueued => Volatile.Read(ref _state) == Queued;

    /// <summary>Decides the ticket admitted, unless it was decided otherwise first; its caller learns it from <see cref="CompleteAdmission"/>.</summary>
    internal bool TryAdmit() => Interlocked.CompareExchange(ref _state, Admitted, Queued) == Queued;

    internal void CompleteAdmission() => _outcome.TrySetResult(true);

    /// <summary>Marks an admitted ticket released; throws if it was not admitted or was already released.</summary>
    internal void MarkReleased()
    {
        var was = Interlocked.CompareExchange(ref _state, Released, Admitted);
        if (was != Admitted)
        {
            throw new InvalidOperationException(was == Released
                ? $"A ticket of '{Function}' was released twice."
                : $"A ticket of '{Function}' was released without being admitted.");
        }
    }

    internal void Cancel(Exception reason)
    {
        if (Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued)
        {
            _outcome.TrySetException(reason);
        }
    }
}
