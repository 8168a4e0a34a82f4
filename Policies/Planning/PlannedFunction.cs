namespace HarvestOrleans.Policies;

/// <summary>What planning needs of a function's spec: its name (the ring key), declared cores and memory, and whether it declares itself long.</summary>
public readonly record struct PlannedFunction(string Name, double DeclaredCores, double MemoryMb, bool LongRunning);
