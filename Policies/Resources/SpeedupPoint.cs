namespace HarvestOrleans.Policies;

/// <summary>One level of a function's measured speedup profile: at <paramref name="Cores"/> allocated, it used <paramref name="MeanCores"/> on average.</summary>
/// <param name="Cores">The allocation's cores.</param>
/// <param name="MeanCores">Recent mean of the average cores its invocations used (CPU-seconds per second of execution).</param>
/// <param name="Samples">Invocations measured at the level (capped at the history's window).</param>
public readonly record struct SpeedupPoint(double Cores, double MeanCores, int Samples);
