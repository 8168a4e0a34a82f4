namespace HarvestOrleans.Policies;

public static class EvictionPolicyNames
{
    public const string LiveAndLetDie = "LiveAndLetDie";
    public const string NoFailures = "NoFailures";
    public const string BoundedFailures = "BoundedFailures";

    public static IReadOnlyList<string> All { get; } = [LiveAndLetDie, NoFailures, BoundedFailures];
}

/// <summary>Tunables of the eviction policies; defaults are the paper's.</summary>
public sealed record EvictionPolicySettings
{
    /// <summary>An invocation longer than this makes its function "long" (30 s in the paper).</summary>
    public TimeSpan LongThreshold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>BoundedFailures: the eviction-failure rate long functions may reach on Harvest VMs.</summary>
    public double FailureRateTarget { get; init; } = 0.001;
}

public static class EvictionPolicyFactory
{
    public static IEvictionPolicy Create(string name, EvictionPolicySettings? settings = null)
    {
        settings ??= new EvictionPolicySettings();
        return name switch
        {
            EvictionPolicyNames.LiveAndLetDie => new LiveAndLetDiePolicy(),
            EvictionPolicyNames.NoFailures => new NoFailuresPolicy(settings),
            EvictionPolicyNames.BoundedFailures => new BoundedFailuresPolicy(settings),
            _ => throw new ArgumentException(
                $"Unknown eviction policy '{name}'. Known policies: {string.Join(", ", EvictionPolicyNames.All)}.", nameof(name)),
        };
    }

    public static bool IsKnown(string? name) => name is not null && EvictionPolicyNames.All.Contains(name);
}
