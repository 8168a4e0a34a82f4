using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Options;

/// <summary>
/// Eviction handling. Bound from configuration section <c>Harvest:Eviction</c>. The policy tunables default to
/// <see cref="EvictionPolicySettings"/>' values, their one home.
/// </summary>
public sealed class EvictionOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Harvest:Eviction";

    /// <summary>The default of <see cref="Policy"/>: LiveAndLetDie, the paper's choice.</summary>
    public const string DEFAULT_POLICY = EvictionPolicyNames.LiveAndLetDie;

    /// <summary>The default of <see cref="DrainPollInterval"/>: 100 ms.</summary>
    public static readonly TimeSpan DEFAULT_DRAIN_POLL_INTERVAL = TimeSpan.FromMilliseconds(100);

    /// <summary>The shortest <see cref="DrainPollInterval"/> accepted: 10 ms.</summary>
    public static readonly TimeSpan MIN_DRAIN_POLL_INTERVAL = TimeSpan.FromMilliseconds(10);

    /// <summary>The default of <see cref="EvictedVmRetention"/>: one hour.</summary>
    public static readonly TimeSpan DEFAULT_EVICTED_VM_RETENTION = TimeSpan.FromHours(1);

    /// <summary>The shortest <see cref="EvictedVmRetention"/> accepted: 1 s.</summary>
    public static readonly TimeSpan MIN_EVICTED_VM_RETENTION = TimeSpan.FromSeconds(1);

    /// <summary>The default of <see cref="EntityHomeCheckInterval"/>: 30 s.</summary>
    public static readonly TimeSpan DEFAULT_ENTITY_HOME_CHECK_INTERVAL = TimeSpan.FromSeconds(30);

    /// <summary>The shortest <see cref="EntityHomeCheckInterval"/> accepted: 100 ms.</summary>
    public static readonly TimeSpan MIN_ENTITY_HOME_CHECK_INTERVAL = TimeSpan.FromMilliseconds(100);

    /// <summary>A registered eviction policy's name (built-in: <see cref="EvictionPolicyNames"/>). Default <see cref="DEFAULT_POLICY"/>.</summary>
    public string Policy { get; set; } = DEFAULT_POLICY;

    /// <summary>
    /// An invocation longer than this (observed p99 or max) makes its function "long"; positive. Default
    /// <see cref="EvictionPolicySettings.DEFAULT_LONG_THRESHOLD"/> (30 s, the paper's).
    /// </summary>
    public TimeSpan LongThreshold { get; set; } = EvictionPolicySettings.DEFAULT_LONG_THRESHOLD;

    /// <summary>
    /// BoundedFailures: the eviction-failure rate long functions may reach on Harvest VMs, in [0, 1]. Default
    /// <see cref="EvictionPolicySettings.DEFAULT_FAILURE_RATE_TARGET"/>.
    /// </summary>
    public double FailureRateTarget { get; set; } = EvictionPolicySettings.DEFAULT_FAILURE_RATE_TARGET;

    /// <summary>
    /// How often a draining VM checks whether its running invocations have finished; at least
    /// <see cref="MIN_DRAIN_POLL_INTERVAL"/>. Default <see cref="DEFAULT_DRAIN_POLL_INTERVAL"/>.
    /// </summary>
    public TimeSpan DrainPollInterval { get; set; } = DEFAULT_DRAIN_POLL_INTERVAL;

    /// <summary>
    /// How long the cluster registry (the cluster view, <c>status</c>, the cluster page) keeps listing a VM after it was
    /// evicted or its silo went away; then it is forgotten (its VM grain's own record stays in storage). At least
    /// <see cref="MIN_EVICTED_VM_RETENTION"/>. Default <see cref="DEFAULT_EVICTED_VM_RETENTION"/>.
    /// </summary>
    public TimeSpan EvictedVmRetention { get; set; } = DEFAULT_EVICTED_VM_RETENTION;

    /// <summary>
    /// How often an active entity asks whether it may stay on its VM (see <see cref="EntityHomes"/>): after an operator
    /// switches to NoFailures, entities on Harvest VMs move to Regular ones within this interval, each with its
    /// in-memory state, between two of its invocations. One call to its function's grain per entity per interval; at
    /// least <see cref="MIN_ENTITY_HOME_CHECK_INTERVAL"/>. Default <see cref="DEFAULT_ENTITY_HOME_CHECK_INTERVAL"/>.
    /// </summary>
    public TimeSpan EntityHomeCheckInterval { get; set; } = DEFAULT_ENTITY_HOME_CHECK_INTERVAL;

    /// <summary>The longest <see cref="PreWarmMaxWait"/> accepted: 20 s (a notice is ~30 s; what is admitted meanwhile must finish).</summary>
    public static readonly TimeSpan MAX_PRE_WARM_WAIT = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether an eviction notice (or an operator's drain) first warms the VM's hottest functions on the VMs that take
    /// over their share, while the VM still takes work, and drains only then (see <see cref="NoticeHandover"/>). It
    /// spends cores and memory on replacement instances that may not be called. Default true.
    /// </summary>
    public bool PreWarmOnNotice { get; set; } = true;

    /// <summary>
    /// Whether a VM that joins a running cluster (the Resource Monitor's replacement for an evicted VM, or any other)
    /// first warms the functions it will serve, the cluster's hottest first within <see cref="PreWarmFunctions"/> and
    /// <see cref="PreWarmMaxWait"/>, and registers only then, so the balancer counts it in warm (see
    /// <see cref="JoinWarmup"/>). It delays the VM's first work by up to that wait and spends memory on instances that
    /// may not be called. Default true.
    /// </summary>
    public bool PreWarmOnJoin { get; set; } = true;

    /// <summary>
    /// At most this many of the VM's functions are warmed elsewhere on a notice, the hottest first; in [0, 1000].
    /// Default <see cref="NoticeHandoverSettings.DEFAULT_FUNCTIONS"/>.
    /// </summary>
    public int PreWarmFunctions { get; set; } = NoticeHandoverSettings.DEFAULT_FUNCTIONS;

    /// <summary>At most this many VMs warm each function; in [1, 64]. Default <see cref="NoticeHandoverSettings.DEFAULT_TARGETS_PER_FUNCTION"/>.</summary>
    public int PreWarmTargetsPerFunction { get; set; } = NoticeHandoverSettings.DEFAULT_TARGETS_PER_FUNCTION;

    /// <summary>
    /// The longest a VM with notice keeps taking work while its replacements warm (never more than half the time to
    /// its deadline); in (0, <see cref="MAX_PRE_WARM_WAIT"/>]. Default <see cref="NoticeHandoverSettings.DEFAULT_MAX_WAIT"/>.
    /// </summary>
    public TimeSpan PreWarmMaxWait { get; set; } = NoticeHandoverSettings.DEFAULT_MAX_WAIT;

    /// <summary>The handover tunables of these options.</summary>
    public NoticeHandoverSettings ToHandoverSettings() => new()
    {
        Enabled = PreWarmOnNotice,
        Functions = PreWarmFunctions,
        TargetsPerFunction = PreWarmTargetsPerFunction,
        MaxWait = PreWarmMaxWait,
    };

    /// <summary>The join warm-up's tunables of these options: the handover's budget and wait, switched by <see cref="PreWarmOnJoin"/>.</summary>
    public NoticeHandoverSettings ToJoinSettings() => ToHandoverSettings() with { Enabled = PreWarmOnJoin };

    /// <summary>The policy tunables of these options.</summary>
    public EvictionPolicySettings ToSettings() => new() { LongThreshold = LongThreshold, FailureRateTarget = FailureRateTarget };
}
