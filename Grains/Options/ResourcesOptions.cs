using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Options;

/// <summary>
/// The invokers' resource manager: which resource policy decides each invocation's cores and memory at its admission
/// (Freyr, Yu et al. WWW'22, and its baselines), and the tunables it decides with. Bound from configuration section
/// <c>Harvest:Resources</c>; the cluster's choice (<c>IPolicyGrain</c>, <c>harvest policy set --resources</c>) overrides
/// <see cref="Policy"/> at run time. The tunables default to <see cref="ResourcePolicySettings"/>' values, their one home.
/// </summary>
public sealed class ResourcesOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:Resources";

    /// <summary>The default of <see cref="Policy"/>: <c>Fixed</c>, every invocation gets its function's configuration.</summary>
    public const string DEFAULT_POLICY = ResourcePolicyNames.Fixed;

    /// <summary>
    /// A registered resource policy's name (built-in: <see cref="ResourcePolicyNames"/>: <c>Fixed</c>, <c>Greedy</c>,
    /// <c>Freyr</c>); an unknown one fails silo start naming the known ones. Default <see cref="DEFAULT_POLICY"/>.
    /// </summary>
    public string Policy { get; set; } = DEFAULT_POLICY;

    /// <summary>
    /// The trained weights of the <c>Freyr</c> policy: a JSON file of <see cref="ScorePolicyWeights"/> made for
    /// <see cref="FreyrFeatures"/> (checked at silo start: a missing, malformed or mismatched file fails it). Null (the
    /// default): the weights shipped with the runtime (<see cref="FreyrResourcePolicy.LoadShipped"/>, trained in the
    /// simulator by <c>bench -- simulate train-freyr</c>).
    /// </summary>
    public string? FreyrWeightsPath { get; set; }

    /// <summary>The CPU step of Greedy and of Freyr's action grid, in cores, &gt; 0. Default <see cref="ResourcePolicySettings.DEFAULT_CPU_STEP"/>.</summary>
    public double CpuStep { get; set; } = ResourcePolicySettings.DEFAULT_CPU_STEP;

    /// <summary>The memory step of Greedy and of Freyr's action grid, in MB, &gt; 0. Default <see cref="ResourcePolicySettings.DEFAULT_MEMORY_STEP_MB"/>.</summary>
    public double MemoryStepMb { get; set; } = ResourcePolicySettings.DEFAULT_MEMORY_STEP_MB;

    /// <summary>
    /// The most cores a policy gives one invocation, &gt; 0 and at most <see cref="ActionGrid.MAX_LEVELS"/> steps (a
    /// configuration above it is honoured; the VM's current cores bound every allocation). Default
    /// <see cref="ResourcePolicySettings.DEFAULT_MAX_CORES"/>.
    /// </summary>
    public double MaxCores { get; set; } = ResourcePolicySettings.DEFAULT_MAX_CORES;

    /// <summary>The most memory a policy gives one invocation, in MB, &gt; 0 and at most <see cref="ActionGrid.MAX_LEVELS"/> steps. Default <see cref="ResourcePolicySettings.DEFAULT_MAX_MEMORY_MB"/>.</summary>
    public double MaxMemoryMb { get; set; } = ResourcePolicySettings.DEFAULT_MAX_MEMORY_MB;

    /// <summary>The over-provision and usage-spike threshold (peak / allocation), in (0, 1]. Default <see cref="ResourcePolicySettings.DEFAULT_USAGE_THRESHOLD"/>.</summary>
    public double UsageThreshold { get; set; } = ResourcePolicySettings.DEFAULT_USAGE_THRESHOLD;

    /// <summary>
    /// The share of the ideal speedup a level of more cores must bring to count as faster, in [0, 1]. Default
    /// <see cref="ResourcePolicySettings.DEFAULT_MIN_ACCELERATION_EFFICIENCY"/>.
    /// </summary>
    public double MinAccelerationEfficiency { get; set; } = ResourcePolicySettings.DEFAULT_MIN_ACCELERATION_EFFICIENCY;

    /// <summary>Invocations measured at a level before the speedup profile uses it, at least 1. Default <see cref="ResourcePolicySettings.DEFAULT_MIN_SPEEDUP_SAMPLES"/>.</summary>
    public int MinSpeedupSamples { get; set; } = ResourcePolicySettings.DEFAULT_MIN_SPEEDUP_SAMPLES;

    /// <summary>Invocations each level of a function's speedup profile averages, at least 1. Default <see cref="ResourceUsageHistory.DEFAULT_SPEEDUP_WINDOW"/>.</summary>
    public int SpeedupWindow { get; set; } = ResourceUsageHistory.DEFAULT_SPEEDUP_WINDOW;

    /// <summary>The policy tunables of these options: what every decision is made with.</summary>
    public ResourcePolicySettings ToSettings() => new()
    {
        CpuStep = CpuStep,
        MemoryStepMb = MemoryStepMb,
        MaxCores = MaxCores,
        MaxMemoryMb = MaxMemoryMb,
        UsageThreshold = UsageThreshold,
        MinAccelerationEfficiency = MinAccelerationEfficiency,
        MinSpeedupSamples = MinSpeedupSamples,
    };
}
