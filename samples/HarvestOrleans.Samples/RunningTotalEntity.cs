using HarvestOrleans.Functions;

namespace HarvestOrleans.Samples;

/// <summary>
/// A running aggregate per id (a counter, a user's session total): each invocation adds its input to the entity's total
/// and returns the new total with how many additions made it. Invocations of one id run one at a time, so no addition is
/// lost to a race; the total is stored after each one.
/// </summary>
public sealed class RunningTotalEntity : HarvestEntity<RunningTotalEntity.Total, RunningTotalEntity.Add, RunningTotalEntity.Total>
{
    /// <summary>The entity's spec: not idempotent (an addition must not be applied twice).</summary>
    public static FunctionSpec Spec { get; } = new() { Name = "running-total", Cores = 0.25, MemoryMb = 64, Timeout = TimeSpan.FromSeconds(10), Entity = true };

    /// <inheritdoc/>
    protected override Task<Total> RunAsync(Add input, EntityContext<Total> entity, FunctionContext context, CancellationToken cancellationToken)
    {
        if (input is not null)
        {
            entity.State.Sum += input.Amount;
            entity.State.Count++;
        }

        return Task.FromResult(entity.State);
    }

    /// <summary>One addition; an empty input reads the total without changing it.</summary>
    public sealed record Add(long Amount);

    /// <summary>The entity's state and each invocation's output.</summary>
    public sealed class Total
    {
        /// <summary>The sum of every addition.</summary>
        public long Sum { get; set; }

        /// <summary>How many additions made it.</summary>
        public long Count { get; set; }
    }
}
