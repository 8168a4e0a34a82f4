namespace HarvestOrleans.Invocation;

/// <summary>One invocation waiting for (then holding) cores on this VM.</summary>
public sealed class AdmissionTicket(string function, double cores, double memoryMb, int maxConcurrency)
{
    private const int Queued = 0, Admitted = 1, Abandoned = 2;
    private readonly TaskCompletionSource _admitted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    public string Function { get; } = function;

    public double Cores { get; } = cores;

    public double MemoryMb { get; } = memoryMb;

    public int MaxConcurrency { get; } = maxConcurrency;

    /// <summary>Completes when the ticket holds its cores; faults if the queue shuts down first.</summary>
    public Task WhenAdmitted => _admitted.Task;

    /// <summary>The caller gives up waiting; false if the ticket was admitted first (then it must run and be released).</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Queued) == Queued;

    internal bool IsQueued => Volatile.Read(ref _state) == Queued;

    internal bool TryAdmit()
    {
        if (Interlocked.CompareExchange(ref _state, Admitted, Queued) != Queued)
        {
            return false;
        }

        _admitted.TrySetResult();
        return true;
    }

    internal void Cancel(Exception reason)
    {
        if (TryAbandon())
        {
            _admitted.TrySetException(reason);
        }
    }
}
