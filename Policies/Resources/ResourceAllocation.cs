namespace HarvestOrleans.Policies;

/// <summary>The resources one invocation holds: cores (fractional, admitted in milli-cores) and memory.</summary>
/// <param name="Cores">Cores.</param>
/// <param name="MemoryMb">Memory in MB.</param>
public readonly record struct ResourceAllocation(double Cores, double MemoryMb);
