namespace HarvestOrleans.Policies;

/// <summary>
/// The tunables a resource policy decides with. The step sizes make the action grid of the learned policy and the
/// steps of <c>Greedy</c>; "one step" in the safeguard's range is one of them. Where the Freyr authors' code sets a value
/// (their <c>params.py</c> and <c>env.py</c>) the default is theirs, or the reason it is not is given.
/// </summary>
public sealed record ResourcePolicySettings
{
    /// <summary>
    /// The default of <see cref="CpuStep"/>: half a core. The authors' unit is 1 core (their <c>decode_action</c>: cores
    /// 1..8), with users' configurations of 1 or 2 cores, so their 1-core functions could give only memory; ours declare
    /// 1 core mostly and are admitted in milli-cores, so half a core lets them donate CPU too. 1 reproduces theirs.
    /// </summary>
    public const double DEFAULT_CPU_STEP = 0.5;

    /// <summary>The default of <see cref="MemoryStepMb"/>: 64 MB, the authors' <c>MEMORY_UNIT</c>.</summary>
    public const double DEFAULT_MEMORY_STEP_MB = 64;

    /// <summary>The default of <see cref="MaxCores"/>: 8, the authors' <c>CPU_CAP_PER_FUNCTION</c>.</summary>
    public const double DEFAULT_MAX_CORES = 8;

    /// <summary>
    /// The default of <see cref="MaxMemoryMb"/>: 1024 MB. The authors' cap is 8 steps of 64 MB (512 MB), which our
    /// suite's 512 MB functions already declare; twice that leaves them room to be accelerated.
    /// </summary>
    public const double DEFAULT_MAX_MEMORY_MB = 1024;

    /// <summary>The default of <see cref="UsageThreshold"/>: 0.9, the authors' (both the over-provision and the spike test).</summary>
    public const double DEFAULT_USAGE_THRESHOLD = 0.9;

    /// <summary>
    /// The default of <see cref="MinAccelerationEfficiency"/>: 0.25, a quarter of the ideal speedup (ours; the authors
    /// leave acceleration to the agent and saw performance stop growing with more resources, their slides' KNN and EG).
    /// </summary>
    public const double DEFAULT_MIN_ACCELERATION_EFFICIENCY = 0.25;

    /// <summary>The default of <see cref="MinSpeedupSamples"/>: 3 invocations at a level before it counts.</summary>
    public const int DEFAULT_MIN_SPEEDUP_SAMPLES = 3;

    /// <summary>The settings with every default.</summary>
    public static ResourcePolicySettings Default { get; } = new();

    /// <summary>The CPU step of the action grid and of <c>Greedy</c>, in cores, &gt; 0. Default <see cref="DEFAULT_CPU_STEP"/>.</summary>
    public double CpuStep { get; init; } = DEFAULT_CPU_STEP;

    /// <summary>The memory step of the action grid and of <c>Greedy</c>, in MB, &gt; 0. Default <see cref="DEFAULT_MEMORY_STEP_MB"/>.</summary>
    public double MemoryStepMb { get; init; } = DEFAULT_MEMORY_STEP_MB;

    /// <summary>
    /// The most cores a policy gives one invocation (a configuration above it is still honoured). Default
    /// <see cref="DEFAULT_MAX_CORES"/>; the VM's current cores bound it too, always.
    /// </summary>
    public double MaxCores { get; init; } = DEFAULT_MAX_CORES;

    /// <summary>The most memory a policy gives one invocation (a configuration above it is still honoured). Default <see cref="DEFAULT_MAX_MEMORY_MB"/>.</summary>
    public double MaxMemoryMb { get; init; } = DEFAULT_MAX_MEMORY_MB;

    /// <summary>
    /// peak/configuration at or below it: over-provisioned (may be harvested); peak/allocation at or above it, after a
    /// harvest: a usage spike (the safeguard returns the configuration); <c>Greedy</c> steps down at or below it.
    /// In (0, 1]. Default <see cref="DEFAULT_USAGE_THRESHOLD"/>.
    /// </summary>
    public double UsageThreshold { get; init; } = DEFAULT_USAGE_THRESHOLD;

    /// <summary>
    /// A level of the speedup profile counts as faster than the one below only if its gain is at least this share of the
    /// ideal (cores ratio − 1); above the first level that is not, a function gets no more cores. Default
    /// <see cref="DEFAULT_MIN_ACCELERATION_EFFICIENCY"/>.
    /// </summary>
    public double MinAccelerationEfficiency { get; init; } = DEFAULT_MIN_ACCELERATION_EFFICIENCY;

    /// <summary>Invocations measured at a level before the speedup profile uses it, at least 1. Default <see cref="DEFAULT_MIN_SPEEDUP_SAMPLES"/>.</summary>
    public int MinSpeedupSamples { get; init; } = DEFAULT_MIN_SPEEDUP_SAMPLES;
}
