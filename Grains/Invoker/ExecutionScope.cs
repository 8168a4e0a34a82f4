namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// What one running invocation holds: its cores (released when the function really ends, which for a function that
/// ignores cancellation is after its caller got TimedOut) and its deadline timer (disposed when both the function
/// and the caller are done with it).
/// </summary>
internal sealed class ExecutionScope(AdmissionQueue admission, AdmissionTicket ticket, CancellationTokenSource deadline)
{
    private int _holders = 2;

    public void FunctionEnded()
    {
        admission.Release(ticket);
        Leave();
    }

    public void CallerDone() => Leave();

    private void Leave()
    {
        if (Interlocked.Decrement(ref _holders) == 0)
        {
            deadline.Dispose();
        }
    }
}
