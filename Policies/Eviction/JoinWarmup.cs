namespace HarvestOrleans.Policies;

/// <summary>
/// What a VM does before the balancer counts it in — the Resource Monitor's replacement for an evicted VM, or any VM
/// that joins a running cluster: the functions it will serve (the hottest in the cluster first, within
/// <see cref="NoticeHandoverSettings.Functions"/>) are initialised on it, and only then does it register. A function
/// serves the joiner when the joiner is a member of the function's plan with the joiner counted in: the functions that
/// lost capacity to the eviction grow onto it, and those whose home moves to it on the ring go there. Until it
/// registers no work can reach it, so its warm-up takes all its cores and waits for nothing. The rules here are the same
/// for the live silos and the simulator.
/// </summary>
public static class JoinWarmup
{
    /// <summary>The joiner as the balancer will first see it: accepting work, idle, nothing warm.</summary>
    public static VmView Joining(string vmId, double cores, double memoryMb, bool isRegular) =>
        new(vmId, cores, memoryMb, CpuUsage: 0, MemoryUsage: 0, AcceptsWork: true, IsRegular: isRegular);

    /// <summary>The cluster once <paramref name="joiner"/> is counted in (in place of an earlier view of the same VM, one that re-registers).</summary>
    public static IReadOnlyList<VmView> WithJoiner(IReadOnlyList<VmView> cluster, VmView joiner) =>
        [.. cluster.Where(v => v.VmId != joiner.VmId), joiner];

    /// <summary>Whether a function's plan on <see cref="WithJoiner"/> sends work to <paramref name="joinerId"/>.</summary>
    public static bool Serves(RoutePlan withJoiner, string joinerId) =>
        NoticeHandover.Serving(withJoiner).Any(c => c.VmId == joinerId);

    /// <summary>
    /// How many functions a joiner asks per pre-warm of its budget: it serves about one in N of a cluster of N VMs' functions
    /// (more when functions lost capacity), so finding the budget's worth means asking more than the budget.
    /// </summary>
    public const int AskPerWarm = 16;

    /// <summary>
    /// The functions a joiner asks whether they will run on it: those called within the keep-alive (a rate over it above
    /// zero), the hottest first, at most <see cref="AskPerWarm"/> × <see cref="NoticeHandoverSettings.Functions"/>.
    /// </summary>
    public static IReadOnlyList<string> Candidates(IEnumerable<KeyValuePair<string, double>> keepAliveRates, NoticeHandoverSettings settings) =>
        NoticeHandover.Select(keepAliveRates, (int)Math.Min(int.MaxValue, (long)AskPerWarm * settings.Functions));

    /// <summary>Of the <paramref name="candidates"/> (hottest first) those that serve the joiner, at most the budget, still hottest first.</summary>
    public static IReadOnlyList<string> ToWarm(IEnumerable<(string Function, bool Serves)> candidates, NoticeHandoverSettings settings) =>
        [.. candidates.Where(c => c.Serves).Select(c => c.Function).Take(Math.Max(0, settings.Functions))];

    /// <summary>How long the joiner may wait for its loads before it registers: <see cref="NoticeHandoverSettings.MaxWait"/>; zero when off.</summary>
    public static TimeSpan Wait(NoticeHandoverSettings settings) => NoticeHandover.Wait(TimeSpan.MaxValue, settings);
}
