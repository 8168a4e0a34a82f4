namespace HarvestOrleans.Policies;

/// <summary>
/// What a VM does with its eviction notice before it stops taking work: the functions it serves warm (the hottest first,
/// within <see cref="NoticeHandoverSettings.Functions"/>) are initialised on the VMs that take over their share — the
/// members of each function's plan once the VM has drained — and only then does the VM drain. So the first invocation
/// that moves finds its function warm. The rules here are the same for the live silos and the simulator.
/// </summary>
public static class NoticeHandover
{
    /// <summary>How often a pre-warm that does not fit yet tries again (it yields to queued and running work).</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long the VM keeps admitting work while its replacements warm: at most <paramref name="maxWait"/>, and at most
    /// half the time left before the deadline (the other half is for what it admitted meanwhile to finish). Zero: no
    /// handover (handover off, or a deadline too close).
    /// </summary>
    public static TimeSpan Wait(TimeSpan untilDeadline, NoticeHandoverSettings settings)
    {
        if (!settings.Enabled || settings.Functions == 0 || untilDeadline <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var half = untilDeadline == TimeSpan.MaxValue ? TimeSpan.MaxValue : untilDeadline / 2;
        return half < settings.MaxWait ? half : settings.MaxWait;
    }

    /// <summary>
    /// The functions to warm elsewhere: those with a recent rate above zero, the hottest first (ties by name, so every
    /// runtime picks the same), at most <paramref name="budget"/>.
    /// </summary>
    public static IReadOnlyList<string> Select(IEnumerable<KeyValuePair<string, double>> warmRates, int budget) =>
        [.. warmRates
            .Where(f => f.Value > 0)
            .OrderByDescending(f => f.Value)
            .ThenBy(f => f.Key, StringComparer.Ordinal)
            .Take(Math.Max(0, budget))
            .Select(f => f.Key)];

    /// <summary>The cluster as it will be once <paramref name="vmId"/> has drained: the VM keeps its ring position but takes no work.</summary>
    public static IReadOnlyList<VmView> AfterDrain(IReadOnlyList<VmView> cluster, string vmId) =>
        [.. cluster.Select(v => v.VmId == vmId && v.AcceptsWork ? v with { AcceptsWork = false } : v)];

    /// <summary>
    /// Where <paramref name="function"/> must be warmed: the members of its plan after the drain (<paramref name="afterDrain"/>,
    /// planned on <see cref="AfterDrain"/>) that accept work and do not have it warm, in the plan's order, at most
    /// <paramref name="maxTargets"/>. A plan without a worker set (JSQ, hashing) is read by its candidates.
    /// </summary>
    public static IReadOnlyList<string> Targets(RoutePlan afterDrain, string function, string vmId, int maxTargets) =>
        [.. Serving(afterDrain)
            .Where(c => c.VmId != vmId && !c.Warm)
            .Select(c => c.VmId)
            .Distinct(StringComparer.Ordinal)
            .Take(Math.Max(0, maxTargets))];

    /// <summary>The VMs a plan sends work to: its worker set's members, or its candidates when it has none (JSQ, hashing).</summary>
    internal static IEnumerable<RouteCandidate> Serving(RoutePlan plan)
    {
        var members = plan.WorkerSet.Count > 0 ? new HashSet<string>(plan.WorkerSet, StringComparer.Ordinal) : null;
        return plan.Candidates.Where(c => members is null || members.Contains(c.VmId));
    }

    /// <summary>
    /// A pre-warm yields to work: it starts only when no invocation waits and its cores fit in the VM's idle cores,
    /// counting the pre-warms under way; and it holds no admission cores, so no invocation ever waits for it (nor does
    /// the VM's reported load count it: it predicts nothing about the load to come).
    /// </summary>
    public static bool Admits(int waiting, long inUseMilli, long preWarmingMilli, long coresMilli, long vmCoresMilli) =>
        waiting == 0 && CoreBudget.Fits(inUseMilli + preWarmingMilli, coresMilli, vmCoresMilli);
}

/// <summary>The handover's tunables (the silo's <c>EvictionOptions</c>, the simulator's options).</summary>
public sealed record NoticeHandoverSettings
{
    /// <summary>
    /// Default of <see cref="Functions"/>: 64 functions per notice (`simulate handover --functions 400 --rps 120`: a
    /// victim serves ~30 warm; 16 avoided 59% of the cold starts its eviction added, 64 avoided 95%).
    /// </summary>
    public const int DEFAULT_FUNCTIONS = 64;

    /// <summary>Default of <see cref="TargetsPerFunction"/>: 2 VMs.</summary>
    public const int DEFAULT_TARGETS_PER_FUNCTION = 2;

    /// <summary>Default of <see cref="MaxWait"/>: 5 s (a sixth of Azure's 30 s notice).</summary>
    public static readonly TimeSpan DEFAULT_MAX_WAIT = TimeSpan.FromSeconds(5);

    /// <summary>Off: the VM drains at once on its notice.</summary>
    public static NoticeHandoverSettings Off { get; } = new() { Enabled = false };

    /// <summary>Whether a notice warms replacements before the VM drains.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>At most this many of the VM's functions are warmed elsewhere, the hottest first.</summary>
    public int Functions { get; init; } = DEFAULT_FUNCTIONS;

    /// <summary>At most this many VMs warm each function.</summary>
    public int TargetsPerFunction { get; init; } = DEFAULT_TARGETS_PER_FUNCTION;

    /// <summary>The longest the VM keeps admitting work while its replacements warm.</summary>
    public TimeSpan MaxWait { get; init; } = DEFAULT_MAX_WAIT;
}
