namespace HarvestOrleans.Policies;

/// <summary>What the VM an invocation is admitted on has at that moment.</summary>
/// <param name="Cores">Its current cores (a Harvest VM's grow and shrink): no allocation goes beyond them.</param>
/// <param name="FreeCores">Cores no running invocation holds.</param>
/// <param name="MemoryMb">Its memory.</param>
/// <param name="FreeMemoryMb">Memory no running invocation holds.</param>
/// <param name="Running">Invocations running on it.</param>
public sealed record VmResources(double Cores, double FreeCores, double MemoryMb, double FreeMemoryMb, int Running = 0);
