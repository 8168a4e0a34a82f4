using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Options;

/// <summary>
/// Routing and worker sets. Bound from configuration section <c>Harvest:Balancing</c>. The policy tunables default to
/// <see cref="BalancingPolicySettings"/>' values, their one home. <see cref="LeaseTtl"/> and
/// <see cref="ClusterViewRefresh"/> are also checked against <see cref="InvokerOptions"/> (see
/// <see cref="RoutingTimingValidator"/>).
/// </summary>
public sealed class BalancingOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:Balancing";

    /// <summary>The default of <see cref="Policy"/>: Min-Worker-Set, the paper's.</summary>
    public const string DEFAULT_POLICY = BalancingPolicyNames.MinWorkerSet;

    /// <summary>The default of <see cref="RateWindow"/>: 10 s.</summary>
    public static readonly TimeSpan DEFAULT_RATE_WINDOW = TimeSpan.FromSeconds(10);

    /// <summary>The shortest <see cref="RateWindow"/> accepted: 100 ms.</summary>
    public static readonly TimeSpan MIN_RATE_WINDOW = TimeSpan.FromMilliseconds(100);

    /// <summary>The default of <see cref="ExecutionSamples"/>: 512.</summary>
    public const int DEFAULT_EXECUTION_SAMPLES = 512;

    /// <summary>The default of <see cref="ClusterViewRefresh"/>: 500 ms.</summary>
    public static readonly TimeSpan DEFAULT_CLUSTER_VIEW_REFRESH = TimeSpan.FromMilliseconds(500);

    /// <summary>The shortest <see cref="ClusterViewRefresh"/> accepted: 10 ms.</summary>
    public static readonly TimeSpan MIN_CLUSTER_VIEW_REFRESH = TimeSpan.FromMilliseconds(10);

    /// <summary>The default of <see cref="LeaseTtl"/>: 1 s, one default load-report interval.</summary>
    public static readonly TimeSpan DEFAULT_LEASE_TTL = TimeSpan.FromSeconds(1);

    /// <summary>The default of <see cref="ProfilePublishInterval"/>: 2 s.</summary>
    public static readonly TimeSpan DEFAULT_PROFILE_PUBLISH_INTERVAL = TimeSpan.FromSeconds(2);

    /// <summary>The shortest <see cref="ProfilePublishInterval"/> accepted: 100 ms.</summary>
    public static readonly TimeSpan MIN_PROFILE_PUBLISH_INTERVAL = TimeSpan.FromMilliseconds(100);

    /// <summary>A registered balancing policy's name (built-in: <see cref="BalancingPolicyNames"/>). Default <see cref="DEFAULT_POLICY"/>.</summary>
    public string Policy { get; set; } = DEFAULT_POLICY;

    /// <summary>
    /// Fraction of a VM's cores and memory placement plans to use, in (0, 1]. Default
    /// <see cref="BalancingPolicySettings.DEFAULT_UTILISATION_CAP"/> (0.7, the paper's).
    /// </summary>
    public double UtilisationCap { get; set; } = BalancingPolicySettings.DEFAULT_UTILISATION_CAP;

    /// <summary>
    /// Minimum time between two worker-set shrinks; not negative. Default
    /// <see cref="BalancingPolicySettings.DEFAULT_SHRINK_INTERVAL_MS"/> (30 s, the paper's).
    /// </summary>
    public TimeSpan ShrinkInterval { get; set; } = TimeSpan.FromMilliseconds(BalancingPolicySettings.DEFAULT_SHRINK_INTERVAL_MS);

    /// <summary>Slots on the consistent-hash ring, at least 1. Default <see cref="BalancingPolicySettings.DEFAULT_RING_SIZE"/>.</summary>
    public int RingSize { get; set; } = BalancingPolicySettings.DEFAULT_RING_SIZE;

    /// <summary>
    /// Min-Worker-Set counts callers' in-flight work when picking in the default mode; false reproduces the authors'
    /// Min-Worker-Set (Paper mode ignores reservations whatever this says). JSQ and hashing always count their caller's
    /// own in-flight work: it is their algorithm. Default <see cref="BalancingPolicySettings.DEFAULT_COUNT_RESERVATIONS"/>.
    /// </summary>
    public bool CountReservations { get; set; } = BalancingPolicySettings.DEFAULT_COUNT_RESERVATIONS;

    /// <summary>
    /// Min-Worker-Set prefers a fitting worker with the function warm; false reproduces the paper's placement. Callers
    /// pick with it too: route leases carry the planner's settings. Default <see cref="BalancingPolicySettings.DEFAULT_PREFER_WARM"/>.
    /// </summary>
    public bool PreferWarm { get; set; } = BalancingPolicySettings.DEFAULT_PREFER_WARM;

    /// <summary>
    /// The project's rules or the authors' (<see cref="PolicyMode.Paper"/>) for all three balancing policies together
    /// (configuration: <c>Harvest:Balancing:Mode=Paper</c>). For Min-Worker-Set, Paper plans with the authors' CPU
    /// profile (execution-time-weighted mean cores, mean execution time, first-profile rule), reads VMs' measured CPU
    /// usage, gates strictly on the CPU limit, and ignores <see cref="CountReservations"/> and <see cref="PreferWarm"/>.
    /// Default <see cref="BalancingPolicySettings.DEFAULT_MODE"/>.
    /// </summary>
    public PolicyMode Mode { get; set; } = BalancingPolicySettings.DEFAULT_MODE;

    /// <summary>Window over which a function's rps is measured; at least <see cref="MIN_RATE_WINDOW"/>. Default <see cref="DEFAULT_RATE_WINDOW"/>.</summary>
    public TimeSpan RateWindow { get; set; } = DEFAULT_RATE_WINDOW;

    /// <summary>Recent execution times kept per function for its p75, at least 1. Default <see cref="DEFAULT_EXECUTION_SAMPLES"/>.</summary>
    public int ExecutionSamples { get; set; } = DEFAULT_EXECUTION_SAMPLES;

    /// <summary>
    /// How often each silo refreshes its view of every VM's load; at least <see cref="MIN_CLUSTER_VIEW_REFRESH"/>, and
    /// with <see cref="LeaseTtl"/> within the invokers' peak window (<see cref="RoutingTimingValidator"/>). Default
    /// <see cref="DEFAULT_CLUSTER_VIEW_REFRESH"/>.
    /// </summary>
    public TimeSpan ClusterViewRefresh { get; set; } = DEFAULT_CLUSTER_VIEW_REFRESH;

    /// <summary>
    /// The longest callers may reuse a route lease (a lease ends sooner, when the next load report of one of its VMs is
    /// due: <c>LeaseLifetime</c>); not negative (zero: fetch a lease per invocation), and with
    /// <see cref="ClusterViewRefresh"/> within the invokers' peak window (<see cref="RoutingTimingValidator"/>).
    /// Default <see cref="DEFAULT_LEASE_TTL"/>.
    /// </summary>
    public TimeSpan LeaseTtl { get; set; } = DEFAULT_LEASE_TTL;

    /// <summary>
    /// How often a busy function's rps and p75 reach the cluster snapshot (status, page), until it is idle; at least
    /// <see cref="MIN_PROFILE_PUBLISH_INTERVAL"/>. Default <see cref="DEFAULT_PROFILE_PUBLISH_INTERVAL"/>.
    /// </summary>
    public TimeSpan ProfilePublishInterval { get; set; } = DEFAULT_PROFILE_PUBLISH_INTERVAL;

    /// <summary>The policy tunables of these options: what plans are made with, and what route leases carry.</summary>
    public BalancingPolicySettings ToSettings() => new()
    {
        UtilisationCap = UtilisationCap,
        ShrinkIntervalMs = (long)ShrinkInterval.TotalMilliseconds,
        RingSize = RingSize,
        CountReservations = CountReservations,
        PreferWarm = PreferWarm,
        Mode = Mode,
    };
}
