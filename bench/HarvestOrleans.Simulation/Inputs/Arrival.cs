namespace HarvestOrleans.Simulation.Inputs;

/// <summary>One invocation of an open-loop workload: when (seconds from the start) and which function (an index into the workload's functions).</summary>
public readonly record struct Arrival(double AtSeconds, int Function);
