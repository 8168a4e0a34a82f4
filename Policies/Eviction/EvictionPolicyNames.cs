namespace HarvestOrleans.Policies;

/// <summary>The names of the built-in eviction policies (the registered ones: <see cref="EvictionPolicies.Names"/>).</summary>
public static class EvictionPolicyNames
{
    /// <summary><see cref="LiveAndLetDiePolicy"/>, the paper's choice.</summary>
    public const string LiveAndLetDie = "LiveAndLetDie";

    /// <summary><see cref="NoFailuresPolicy"/>.</summary>
    public const string NoFailures = "NoFailures";

    /// <summary><see cref="BoundedFailuresPolicy"/>.</summary>
    public const string BoundedFailures = "BoundedFailures";
}

/// <summary>Tunables of the eviction policies; defaults are the paper's, and the one home of each value.</summary>
public sealed record EvictionPolicySettings
{
    /// <summary>The default of <see cref="LongThreshold"/>: 30 s, the paper's.</summary>
    public static readonly TimeSpan DEFAULT_LONG_THRESHOLD = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="FailureRateTarget"/>: 0.001.</summary>
    public const double DEFAULT_FAILURE_RATE_TARGET = 0.001;

    /// <summary>The settings with every default.</summary>
    public static EvictionPolicySettings Default { get; } = new();

    /// <summary>An invocation longer than this makes its function "long"; positive. Default <see cref="DEFAULT_LONG_THRESHOLD"/>.</summary>
    public TimeSpan LongThreshold { get; init; } = DEFAULT_LONG_THRESHOLD;

    /// <summary>
    /// BoundedFailures: the eviction-failure rate long functions may reach on Harvest VMs, in [0, 1]. Default
    /// <see cref="DEFAULT_FAILURE_RATE_TARGET"/>.
    /// </summary>
    public double FailureRateTarget { get; init; } = DEFAULT_FAILURE_RATE_TARGET;
}
