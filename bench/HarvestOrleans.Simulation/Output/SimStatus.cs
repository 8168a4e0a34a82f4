namespace HarvestOrleans.Simulation.Output;

/// <summary>An invocation's final state, as the runtime's records name them.</summary>
public enum SimStatus
{
    Succeeded,
    TimedOut,
    Rejected,
    Evicted,
}
