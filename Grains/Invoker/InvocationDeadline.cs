using HarvestOrleans.Functions;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// One running invocation's deadline: a single token for the function that fires at its timeout, or when the VM is
/// evicted under it. The caller waits for the function only until then; afterwards this tells the two causes apart.
/// </summary>
internal sealed class InvocationDeadline
{
    private readonly FunctionSpec _spec;
    private readonly EvictionSignal _eviction;

    public InvocationDeadline(FunctionSpec spec, EvictionSignal eviction)
    {
        _spec = spec;
        _eviction = eviction;
        At = DateTimeOffset.UtcNow + spec.Timeout;
        Source = CancellationTokenSource.CreateLinkedTokenSource(eviction.Token);
        Source.CancelAfter(spec.Timeout);
        Token = Source.Token;
    }

    /// <summary>When the function's time is up (what it sees as <see cref="FunctionContext.Deadline"/>).</summary>
    public DateTimeOffset At { get; }

    /// <summary>The function's token: cancelled at the deadline or by the VM's eviction.</summary>
    public CancellationToken Token { get; }

    /// <summary>The token's source: its timer is freed by whichever of the caller and the function finishes last (see <see cref="ExecutionScope"/>).</summary>
    public CancellationTokenSource Source { get; }

    /// <summary>The VM was evicted (eviction fires the token too, so check this first).</summary>
    public bool Evicted => _eviction.IsEvicted;

    /// <summary>The token fired: at the deadline, unless <see cref="Evicted"/>.</summary>
    public bool Expired => Token.IsCancellationRequested;

    /// <summary>Waits for the function's result until the deadline (or the eviction) and no longer: the function may run on.</summary>
    public Task<T> WaitAsync<T>(Task<T> work) => work.WaitAsync(Token);

    public InvocationOutcome EvictedOutcome(string vmId) =>
        InvocationOutcome.Of(InvocationStatus.Evicted, InvocationErrorTypes.VmEvicted, $"VM '{vmId}' was evicted while '{_spec.Name}' ran.");

    /// <summary>The function ran past its timeout, or (<paramref name="initialised"/> false) did not even load and initialise within it.</summary>
    public InvocationOutcome TimedOutOutcome(bool initialised) =>
        // A load cut off by the deadline has left the warm pool: the next invocation loads afresh.
        InvocationOutcome.Of(InvocationStatus.TimedOut, InvocationErrorTypes.Timeout, initialised
            ? $"'{_spec.Name}' ran past its timeout of {_spec.Timeout.TotalSeconds:0.###} s."
            : $"'{_spec.Name}' did not load and initialise within its timeout of {_spec.Timeout.TotalSeconds:0.###} s.");
}
