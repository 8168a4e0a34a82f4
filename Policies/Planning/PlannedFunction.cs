namespace HarvestOrleans.Policies;

/// <summary>
/// What planning needs of a function's spec: its name (the ring key), declared cores and memory, whether it declares
/// itself long, and whether it is an entity function (its instances are addressable and keep state).
/// </summary>
public readonly record struct PlannedFunction(string Name, double DeclaredCores, double MemoryMb, bool LongRunning, bool Entity = false)
{
    /// <summary>
    /// What the eviction policies count as declared long: a function that says it runs long, or an entity function,
    /// whose instances live long and keep state whatever its invocations' lengths.
    /// </summary>
    public bool LongLived => LongRunning || Entity;
}
