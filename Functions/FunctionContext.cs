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
    int attempt)
{
    /// <summary>The invocation's id, as in its record.</summary>
    public Guid InvocationId { get; } = invocationId;

    /// <summary>The spec of the function version running.</summary>
    public FunctionSpec Spec { get; } = spec;

    /// <summary>The VM (silo) running the invocation.</summary>
    public string VmId { get; } = vmId;

    /// <summary>Whole cores held for this invocation: size CPU-parallel work to this.</summary>
    public int AllottedCores { get; } = allottedCores;

    /// <summary>When the invocation times out (its cancellation token fires then).</summary>
    public DateTimeOffset Deadline { get; } = deadline;

    /// <summary>Lines logged here are kept in the invocation record (bounded) and also go to the silo's log.</summary>
    public ILogger Logger { get; } = logger;

    /// <summary>1 for the first attempt; higher when the platform retried an idempotent function.</summary>
    public int Attempt { get; } = attempt;
}
