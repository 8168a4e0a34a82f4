namespace HarvestOrleans.Policies;

/// <summary>
/// The tunables a balancing policy plans and picks with; defaults are the paper's. A plan records the settings it was
/// made with (<see cref="RoutePlan.Settings"/>) and picking uses those, so callers that cache a plan pick exactly as its
/// planner would. These defaults are the one home of each value: the options that bind them from configuration refer here.
/// </summary>
public sealed record BalancingPolicySettings
{
    /// <summary>The default of <see cref="UtilisationCap"/>: 0.7, the paper's.</summary>
    public const double DEFAULT_UTILISATION_CAP = 0.7;

    /// <summary>The default of <see cref="ShrinkIntervalMs"/>: 30 s, the paper's.</summary>
    public const long DEFAULT_SHRINK_INTERVAL_MS = 30_000;

    /// <summary>The default of <see cref="RingSize"/>: <see cref="ConsistentHashRing.DefaultSize"/> slots.</summary>
    public const int DEFAULT_RING_SIZE = ConsistentHashRing.DefaultSize;

    /// <summary>The default of <see cref="CountReservations"/>: true.</summary>
    public const bool DEFAULT_COUNT_RESERVATIONS = true;

    /// <summary>The default of <see cref="PreferWarm"/>: true.</summary>
    public const bool DEFAULT_PREFER_WARM = true;

    /// <summary>The default of <see cref="Mode"/>: <see cref="PolicyMode.Default"/>.</summary>
    public const PolicyMode DEFAULT_MODE = PolicyMode.Default;

    /// <summary>The settings with every default.</summary>
    public static BalancingPolicySettings Default { get; } = new();

    /// <summary>Fraction of a VM's cores and memory a policy plans to use, in (0, 1]. Default <see cref="DEFAULT_UTILISATION_CAP"/>.</summary>
    public double UtilisationCap { get; init; } = DEFAULT_UTILISATION_CAP;

    /// <summary>
    /// Minimum time between two worker-set shrinks, in milliseconds, at least 0; growth is immediate. Default
    /// <see cref="DEFAULT_SHRINK_INTERVAL_MS"/>.
    /// </summary>
    public long ShrinkIntervalMs { get; init; } = DEFAULT_SHRINK_INTERVAL_MS;

    /// <summary>Slots on Min-Worker-Set's consistent-hash ring, at least 1. Default <see cref="DEFAULT_RING_SIZE"/>.</summary>
    public int RingSize { get; init; } = DEFAULT_RING_SIZE;

    /// <summary>
    /// Min-Worker-Set counts the caller's in-flight reservations when picking in the default mode; false reproduces the
    /// authors' Min-Worker-Set, which ignores them between load reports (and <see cref="PolicyMode.Paper"/> ignores them
    /// whatever this says). JSQ and the OpenWhisk hash baseline always count the caller's own in-flight work: those
    /// counters are their algorithm. Default <see cref="DEFAULT_COUNT_RESERVATIONS"/>.
    /// </summary>
    public bool CountReservations { get; init; } = DEFAULT_COUNT_RESERVATIONS;

    /// <summary>
    /// Min-Worker-Set picks a fitting member that has the function warm before a less-loaded cold one. The paper's
    /// placement looks at load only; false reproduces it, as <see cref="PolicyMode.Paper"/> does whatever this says. JSQ
    /// and hashing ignore warmth (they are the baselines).
    /// Default <see cref="DEFAULT_PREFER_WARM"/>.
    /// </summary>
    public bool PreferWarm { get; init; } = DEFAULT_PREFER_WARM;

    /// <summary>
    /// The project's rules or the authors' (<see cref="PolicyMode.Paper"/>), for every balancing policy at once.
    /// Default <see cref="DEFAULT_MODE"/>.
    /// </summary>
    public PolicyMode Mode { get; init; } = DEFAULT_MODE;
}
