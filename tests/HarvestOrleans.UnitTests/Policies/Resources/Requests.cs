namespace HarvestOrleans.UnitTests.Policies;

/// <summary>Resource requests for the tests: a roomy VM and histories of one kind of last run.</summary>
internal static class Requests
{
    public static VmResources RoomyVm { get; } = new(Cores: 8, FreeCores: 6, MemoryMb: 16_384, FreeMemoryMb: 8_192, Running: 2);

    /// <summary>
    /// A history whose last (successful) run had <paramref name="last"/> and used <paramref name="lastPeak"/>, the
    /// recent peaks being <paramref name="recentPeak"/> (the last peak by default).
    /// </summary>
    public static FunctionResourceHistory After(
        ResourceAllocation last, ResourceUsage lastPeak, ResourceUsage? recentPeak = null, bool failed = false, IReadOnlyList<SpeedupPoint>? speedup = null) =>
        new(Invocations: 5, failed, last, lastPeak, recentPeak ?? lastPeak, speedup ?? []);

    public static ResourceRequest Request(ResourceAllocation configured, FunctionResourceHistory history, VmResources? vm = null) =>
        new(configured, history, vm ?? RoomyVm);
}
