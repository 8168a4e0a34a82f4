namespace HarvestOrleans.Resilience;

/// <summary>
/// Every retry in HarvestOrleans, in one place: the keys of the named Polly pipelines (registered with
/// <c>AddResiliencePipeline</c>, resolved from <c>ResiliencePipelineProvider&lt;string&gt;</c>), what each retries, and its
/// numbers. Numbers an operator may want to tune come from options (named below); the rest are the constants here.
/// Every pipeline reports to the <c>Polly</c> meter and logs its retries (category <c>Polly</c>).
/// </summary>
/// <remarks>
/// <para><b>One budget per invocation.</b> A placement is retried in one place only: the client's
/// <see cref="ClientRouting"/> pipeline. An async invocation's <see cref="AsyncCapacity"/> pipeline waits longer between
/// tries but does not multiply them: it hands each client call the attempts it has left, and counts what the call used,
/// so one dispatch of an async invocation makes at most <c>Harvest:Async:MaxAttempts</c> placement attempts in all.
/// Each of those calls may make only one attempt where nothing ran, so the async back-off, not the client's 25 ms one,
/// spaces them: 7 attempts span ~17 s (0.5 + 1 + 2 + 4 + 5 + 5), longer than membership takes to declare a killed silo dead.
/// A second dispatch happens only when the silo holding the invocation died while it ran (idempotent functions only, at
/// most <c>Harvest:Async:MaxDispatches</c>); it continues from the attempts already counted in storage.</para>
/// <para>Before this, the budgets nested: 7 capacity tries × up to 6 client attempts × 3 dispatches = 126 attempts for
/// one async invocation (28 for one whose function had no VM to run on, in a single dispatch).</para>
/// </remarks>
public static class HarvestPipelines
{
    /// <summary>
    /// The client's placement of one invocation (<c>HarvestClient</c>; typed on the attempt's outcome). Retries an attempt
    /// where nothing ran (no VM, a draining VM, a VM gone before it accepted) within <c>Harvest:Client:MaxRoutingAttempts</c>
    /// (4), and an idempotent run cut off by an eviction within <c>Harvest:Client:MaxExecutionAttempts</c> (3 runs); a
    /// caller may give a smaller cap (an async invocation's remaining budget). Exponential back-off with jitter from
    /// <c>Harvest:Client:RetryBaseDelay</c> (25 ms), on the client's <see cref="TimeProvider"/>.
    /// </summary>
    public const string ClientRouting = "harvest-client-routing";

    /// <summary>
    /// Operator calls (<c>HarvestOperator</c>; all idempotent) that met a silo on its way out or just dead: up to
    /// <see cref="OperatorRetries"/> retries from <see cref="OperatorRetryDelay"/>, exponential with jitter, each wait at
    /// most <see cref="OperatorMaxRetryDelay"/> — about 8 s, longer than membership takes to declare a killed silo dead.
    /// </summary>
    public const string OperatorCalls = "harvest-operator";

    /// <summary>
    /// Storing the acceptance of an async invocation (client or HTTP trigger; idempotent for its id) across a moment of cluster
    /// change: up to <see cref="AcceptRetries"/> retries from <see cref="AcceptRetryDelay"/>, exponential with jitter, each
    /// wait at most <see cref="AcceptMaxRetryDelay"/>. Not an invocation attempt: nothing runs until it is stored.
    /// </summary>
    public const string AsyncAccept = "harvest-async-accept";

    /// <summary>
    /// An async invocation rejected for capacity or routing (nothing ran; the caller is not waiting) is tried again
    /// later: within <c>Harvest:Async:MaxAttempts</c> (7) placement attempts in all, counting the client's own, with
    /// exponential back-off and jitter from <c>Harvest:Async:RetryDelay</c> (500 ms), each wait at most
    /// <c>Harvest:Async:MaxRetryDelay</c> (5 s). Typed on the invocation's record.
    /// </summary>
    public const string AsyncCapacity = "harvest-async-capacity";

    /// <summary>
    /// A call to an entity (<c>HarvestClient.InvokeEntityAsync</c>) that met its silo dying or just dead: the entity
    /// reactivates on a survivor from its stored state and is asked again with the same invocation id, which it answers
    /// from what it remembers if it had applied it (never twice). Up to <see cref="EntityRetries"/> retries from
    /// <see cref="EntityRetryDelay"/>, exponential with jitter, each wait at most <see cref="EntityMaxRetryDelay"/> —
    /// about 5 s, longer than membership takes to declare a killed silo dead.
    /// </summary>
    public const string EntityCalls = "harvest-entity-calls";

    /// <summary>Retries of <see cref="EntityCalls"/>: 6.</summary>
    public const int EntityRetries = 6;

    /// <summary>First wait of <see cref="EntityCalls"/>: 100 ms.</summary>
    public static readonly TimeSpan EntityRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait of <see cref="EntityCalls"/>: 2 s.</summary>
    public static readonly TimeSpan EntityMaxRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Writing an async invocation's final record: <see cref="FinalWriteAttempts"/> attempts in all, waiting
    /// <see cref="FinalWriteRetryDelay"/> × the attempt number between them; never retried when another activation wrote
    /// first (an inconsistent-state error). Then the run ends unfinished and resumes from storage.
    /// </summary>
    public const string AsyncFinalWrite = "harvest-async-final-write";

    /// <summary>
    /// Marking a dead silo's VM Evicted (<c>SiloDeathWatcher</c>): the grains it needs may be re-activating elsewhere. Up
    /// to <see cref="SiloDeathRetries"/> retries from <see cref="SiloDeathRetryDelay"/>, exponential with jitter.
    /// </summary>
    public const string SiloDeathMarking = "harvest-silo-death";

    /// <summary>
    /// Waking a function whose worker set still names a VM that died (<c>HarvestVmGrain</c>): up to
    /// <see cref="OrphanRetries"/> retries from <see cref="OrphanRetryDelay"/>, exponential with jitter. Best effort: the
    /// function's next route request replans it anyway.
    /// </summary>
    public const string OrphanRebalance = "harvest-orphan-rebalance";

    /// <summary>
    /// Acknowledging an eviction notice to the platform (a Scheduled Events <c>StartRequests</c> POST, <c>HarvestMonitor</c>)
    /// once the VM has drained: the metadata endpoint may drop a pooled connection or time out once, and an ack lost
    /// there leaves the platform waiting out the notice. Up to <see cref="EvictionAckRetries"/> retries from
    /// <see cref="EvictionAckRetryDelay"/>, exponential with jitter, on HTTP failures and timeouts.
    /// </summary>
    public const string EvictionAcknowledgement = "harvest-eviction-ack";

    /// <summary>Retries of <see cref="OperatorCalls"/>: 10.</summary>
    public const int OperatorRetries = 10;

    /// <summary>First wait of <see cref="OperatorCalls"/>: 100 ms.</summary>
    public static readonly TimeSpan OperatorRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait of <see cref="OperatorCalls"/>: 1 s.</summary>
    public static readonly TimeSpan OperatorMaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Retries of <see cref="AsyncAccept"/>: 5.</summary>
    public const int AcceptRetries = 5;

    /// <summary>First wait of <see cref="AsyncAccept"/>: 200 ms.</summary>
    public static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait of <see cref="AsyncAccept"/>: 1 s.</summary>
    public static readonly TimeSpan AcceptMaxRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Attempts of <see cref="AsyncFinalWrite"/>, in all: 3.</summary>
    public const int FinalWriteAttempts = 3;

    /// <summary>The wait of <see cref="AsyncFinalWrite"/> after its first failure (linear: doubled after the second): 200 ms.</summary>
    public static readonly TimeSpan FinalWriteRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Retries of <see cref="SiloDeathMarking"/>: 8.</summary>
    public const int SiloDeathRetries = 8;

    /// <summary>First wait of <see cref="SiloDeathMarking"/>: 200 ms.</summary>
    public static readonly TimeSpan SiloDeathRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>Retries of <see cref="EvictionAcknowledgement"/>: 4.</summary>
    public const int EvictionAckRetries = 4;

    /// <summary>First wait of <see cref="EvictionAcknowledgement"/>: 100 ms.</summary>
    public static readonly TimeSpan EvictionAckRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>Retries of <see cref="OrphanRebalance"/>: 3.</summary>
    public const int OrphanRetries = 3;

    /// <summary>First wait of <see cref="OrphanRebalance"/>: 200 ms.</summary>
    public static readonly TimeSpan OrphanRetryDelay = TimeSpan.FromMilliseconds(200);
}
