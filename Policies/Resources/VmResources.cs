namespace HarvestOrleans.Policies;

/// <summary>What the VM an invocation is admitted on has at that moment.</summary>
/// <param name="Cores">Its current cores (a Harvest VM's grow and shrink): no allocation goes beyond them.</param>
/// <param name="FreeCores">Cores no running invocation holds.</param>
/// <param name="MemoryMb">Its memory.</param>
/// <param name="FreeMemoryMb">Memory no running invocation holds.</param>
/// <param name="Running">Invocations running on it.</param>
public sealed record VmResources(double Cores, double FreeCores, double MemoryMb, double FreeMemoryMb, int Running = 0)
{
    /// <summary>
    /// The VM from what its admission holds: free is what no running invocation holds, never below 0 (a shrink below
    /// the cores in use leaves nothing free until runs end). What an invoker and the simulator both pass a policy.
    /// </summary>
    public static VmResources Of(double cores, double coresInUse, double memoryMb, double memoryInUseMb, int running) =>
        new(cores, Math.Max(0, cores - coresInUse), memoryMb, Math.Max(0, memoryMb - memoryInUseMb), running);
}
