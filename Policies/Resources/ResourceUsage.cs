namespace HarvestOrleans.Policies;

/// <summary>
/// Peak resources an invocation used; a part that was not measured is null (a policy then leaves that resource at the
/// function's configuration).
/// </summary>
/// <param name="Cores">Peak cores in use, or null.</param>
/// <param name="MemoryMb">Peak memory in MB, or null.</param>
public readonly record struct ResourceUsage(double? Cores, double? MemoryMb);
