namespace HarvestOrleans.Simulation.Model;

/// <summary>An invocation waiting in a VM's line, for one attempt: stale once the attempt moves on (its generation changes).</summary>
internal readonly record struct QueueEntry(SimInvocation Invocation, long Generation);
