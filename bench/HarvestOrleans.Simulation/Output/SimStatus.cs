namespace HarvestOrleans.Simulation.Output;

/// <summary>An invocation's final state, as the runtime's records name them.</summary>
public enum SimStatus
{
    Succeeded,

    /// <summary>It ran and failed: out of the memory it was allocated.</summary>
    Failed,
    TimedOut,
    Rejected,
    Evicted,
}
