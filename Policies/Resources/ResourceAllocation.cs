namespace HarvestOrleans.Policies;

/// <summary>The resources one invocation holds: cores (fractional, admitted in milli-cores) and memory.</summary>
/// <param name="Cores">Cores.</param>
/// <param name="MemoryMb">Memory in MB.</param>
public readonly record struct ResourceAllocation(double Cores, double MemoryMb)
{
    /// <summary>Less of a resource than <paramref name="configured"/>: the platform harvested from the invocation.</summary>
    public bool Harvests(ResourceAllocation configured) => Cores > 0 && (Cores < configured.Cores || MemoryMb < configured.MemoryMb);

    /// <summary>More cores than <paramref name="configured"/>: the platform accelerated the invocation.</summary>
    public bool Accelerates(ResourceAllocation configured) => Cores > configured.Cores;
}
