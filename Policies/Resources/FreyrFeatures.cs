namespace HarvestOrleans.Policies;

/// <summary>
/// The learned policy's inputs, after the Freyr agent's (its <c>get_observation</c>: the platform's in-flight work and
/// free CPU and memory, the function's peaks and configuration, the candidate's CPU and memory), made relative so one
/// network serves functions and VMs of any size: shares of the VM, peaks per allocation, a candidate per the
/// configuration. Every feature is clipped to [−4, 4]. A weights file names these features; a policy refuses weights
/// trained on others.
/// </summary>
public static class FreyrFeatures
{
    private const double CLIP = 4;

    /// <summary>The state features, in input order.</summary>
    public static IReadOnlyList<string> StateNames { get; } =
    [
        "vm.cores",             // current cores / MaxCores
        "vm.free_cores",        // free / current cores
        "vm.free_memory",       // free / total memory
        "vm.running_per_core",  // running invocations / max(cores, 1)
        "fn.configured_cores",  // configured cores / MaxCores
        "fn.configured_memory", // configured memory / MaxMemoryMb
        "fn.recent_peak_cores", // recent peak / configured (1 when not measured)
        "fn.recent_peak_memory",
        "fn.last_cores_use",    // last peak / last allocation (1 when not measured)
        "fn.last_memory_use",
        "fn.acceleration_room", // log2(min(MaxCores, speedup limit) / configured) / 4
    ];

    /// <summary>The action features, in input order after the state's.</summary>
    public static IReadOnlyList<string> ActionNames { get; } =
    [
        "action.cores",            // candidate / configured cores (< 1 harvests, > 1 accelerates)
        "action.memory",           // candidate / configured memory
        "action.cores_over_peak",  // (candidate − recent peak) / configured cores
        "action.memory_over_peak", // (candidate − recent peak) / configured memory
        "action.cores_of_free",    // candidate / the VM's free cores (above 1: it waits to be admitted)
    ];

    /// <summary>The state features of <paramref name="request"/>.</summary>
    public static double[] StateOf(ResourceRequest request, ResourcePolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var (configured, history, vm) = (request.Configured, request.History, request.Vm);
        var limit = Math.Min(settings.MaxCores, SpeedupCurve.AccelerationLimit(history.Speedup, settings) ?? settings.MaxCores);
        return
        [
            Clip(vm.Cores / settings.MaxCores),
            Clip(vm.Cores > 0 ? vm.FreeCores / vm.Cores : 0),
            Clip(vm.MemoryMb > 0 ? vm.FreeMemoryMb / vm.MemoryMb : 0),
            Clip(vm.Running / Math.Max(vm.Cores, 1)),
            Clip(configured.Cores / settings.MaxCores),
            Clip(configured.MemoryMb / settings.MaxMemoryMb),
            Clip(Ratio(history.RecentPeak.Cores, configured.Cores)),
            Clip(Ratio(history.RecentPeak.MemoryMb, configured.MemoryMb)),
            Clip(Ratio(history.LastPeak.Cores, history.LastAllocation.Cores)),
            Clip(Ratio(history.LastPeak.MemoryMb, history.LastAllocation.MemoryMb)),
            Clip(configured.Cores > 0 && limit > 0 ? Math.Log2(limit / configured.Cores) / 4 : 0),
        ];
    }

    /// <summary>The action features of candidate <paramref name="action"/> for <paramref name="request"/>.</summary>
    public static double[] ActionOf(ResourceRequest request, ResourcePolicySettings settings, ResourceAllocation action)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var (configured, history, vm) = (request.Configured, request.History, request.Vm);
        var peakCores = history.RecentPeak.Cores ?? configured.Cores;
        var peakMemory = history.RecentPeak.MemoryMb ?? configured.MemoryMb;
        return
        [
            Clip(Ratio(action.Cores, configured.Cores, 0)),
            Clip(Ratio(action.MemoryMb, configured.MemoryMb, 0)),
            Clip(Ratio(action.Cores - peakCores, configured.Cores, 0)),
            Clip(Ratio(action.MemoryMb - peakMemory, configured.MemoryMb, 0)),
            Clip(action.Cores / Math.Max(vm.FreeCores, settings.CpuStep)),
        ];
    }

    /// <summary>The observation of <paramref name="request"/> with its valid <paramref name="candidates"/>.</summary>
    public static PolicyObservation Observe(ResourceRequest request, ResourcePolicySettings settings, IReadOnlyList<ResourceAllocation> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return new PolicyObservation(StateOf(request, settings), [.. candidates.Select(c => ActionOf(request, settings, c))]);
    }

    /// <summary>A new, untrained network for these features (the authors' 32 and 16 tanh units unless told otherwise).</summary>
    public static ScoreActorCritic NewNetwork(Random random, IReadOnlyList<int>? hiddenSizes = null, NetworkActivation activation = NetworkActivation.Tanh) =>
        new(StateNames, ActionNames, hiddenSizes ?? PpoSettings.DefaultHiddenSizes, activation, random);

    /// <summary>Throws unless <paramref name="network"/> was made for exactly these features.</summary>
    /// <exception cref="ArgumentException">It names other features, or the same in another order.</exception>
    public static void CheckNetwork(ScoreActorCritic network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!network.StateFeatures.SequenceEqual(StateNames) || !network.ActionFeatures.SequenceEqual(ActionNames))
        {
            throw new ArgumentException(
                $"The network was trained on other features (state: {string.Join(", ", network.StateFeatures)}; action: " +
                $"{string.Join(", ", network.ActionFeatures)}) than Freyr's (state: {string.Join(", ", StateNames)}; action: " +
                $"{string.Join(", ", ActionNames)}).",
                nameof(network));
        }
    }

    private static double Ratio(double? value, double of, double missing = 1) => value is { } v && of > 0 ? v / of : missing;

    private static double Clip(double value) => double.IsFinite(value) ? Math.Clamp(value, -CLIP, CLIP) : 0;
}
