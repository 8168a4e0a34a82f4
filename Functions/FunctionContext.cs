using Microsoft.Extensions.Logging;

namespace HarvestOrleans.Functions;

/// <summary>What a running invocation knows about itself and the VM it runs on.</summary>
public sealed class FunctionContext(
    Guid invocationId,
    FunctionSpec spec,
    string vmId,
    int allottedCores,
    DateTimeOffset deadline,
    ILogger logger,
    int attempt,
    IFunctionCalls? calls = null)
{
    /// <summary>The invocation's id, as in its record.</summary>
    public Guid InvocationId { get; } = invocationId;

    /// <summary>The spec of the function version running.</summary>
    public FunctionSpec Spec { get; } = spec;

    /// <summary>The VM (silo) running the invocation.</summary>
    public string VmId { get; } = vmId;

    /// <summary>
    /// Whole cores held for this invocation, and the most of its work that runs at once: the function runs on a task
    /// scheduler of this many concurrent runs, which its <c>await</c> continuations and <c>Task.Factory.StartNew</c>
    /// tasks stay on. Size CPU-parallel work to this; for <c>Parallel</c> loops use <see cref="CreateParallelOptions"/>.
    /// </summary>
    public int AllottedCores { get; } = allottedCores;

    /// <summary>
    /// Options that keep a <c>Parallel.For</c>/<c>ForEach</c>/<c>Invoke</c> on this invocation's cores: at most
    /// <see cref="AllottedCores"/> wide, on the invocation's scheduler (<see cref="TaskScheduler.Current"/>, so call it
    /// from the function's own code), where its CPU time is measured. A plain <c>new ParallelOptions()</c>, and the
    /// overloads that take none, run the loop on <see cref="TaskScheduler.Default"/> (the constructor sets it, despite
    /// the property's documentation): the shared thread pool, neither limited to the allotted cores nor measured.
    /// </summary>
    public ParallelOptions CreateParallelOptions(CancellationToken cancellationToken = default) => new()
    {
        MaxDegreeOfParallelism = AllottedCores,
        TaskScheduler = TaskScheduler.Current,
        CancellationToken = cancellationToken,
    };

    /// <summary>When the invocation times out (its cancellation token fires then).</summary>
    public DateTimeOffset Deadline { get; } = deadline;

    /// <summary>Lines logged here are kept in the invocation record (bounded) and also go to the silo's log.</summary>
    public ILogger Logger { get; } = logger;

    /// <summary>1 for the first attempt; higher when the platform retried an idempotent function.</summary>
    public int Attempt { get; } = attempt;

    /// <summary>
    /// Calls to other functions and entities, direct (see <see cref="IFunctionCalls"/>). Available in functions a silo
    /// runs; a context made elsewhere (a unit test's) has none unless given one.
    /// </summary>
    public IFunctionCalls Calls => calls ?? throw new InvalidOperationException("This invocation's context has no calls: it was not made by a silo.");
}
