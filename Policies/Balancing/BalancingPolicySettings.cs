namespace HarvestOrleans.Policies;

/// <summary>Tunables shared by the policies; defaults are the paper's.</summary>
public sealed record BalancingPolicySettings
{
    /// <summary>Fraction of a VM's cores and memory a policy plans to use (0.7 in the paper).</summary>
    public double UtilisationCap { get; init; } = 0.7;

    /// <summary>Minimum time between two worker-set shrinks (30 s in the paper); growth is immediate.</summary>
    public long ShrinkIntervalMs { get; init; } = 30_000;

    public int RingSize { get; init; } = ConsistentHashRing.DefaultSize;

    /// <summary>
    /// Count the caller's in-flight reservations when picking. The original placement ignores them between load
    /// reports; false reproduces that.
    /// </summary>
    public bool CountReservations { get; init; } = true;

    /// <summary>
    /// Min-Worker-Set picks a fitting member that has the function warm before a less-loaded cold one. The paper's
    /// placement looks at load only; false reproduces it. JSQ and hashing ignore warmth (they are the baselines).
    /// </summary>
    public bool PreferWarm { get; init; } = true;
}
