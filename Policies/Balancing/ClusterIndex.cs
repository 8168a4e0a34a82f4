using System.Runtime.CompilerServices;

namespace HarvestOrleans.Policies;

/// <summary>
/// What Min-Worker-Set derives from one cluster view and reuses for every function planned on it: the ring, the VMs by
/// id, and the accepting VMs from least to most loaded (its overflow). A planner sees one view instance for many plans
/// (a silo's view refreshes every 0.5 s; the simulator's when a load report lands), so building these once per view
/// instead of once per plan makes a plan cost grow with the worker set, not the cluster. The remembered view is checked
/// element by element (reference equality), so a list changed in place after a plan is indexed afresh.
/// </summary>
internal sealed class ClusterIndex
{
    private static readonly ConditionalWeakTable<IReadOnlyList<VmView>, ClusterIndex> Cache = new();

    private readonly VmView[] _vms;
    private readonly Dictionary<string, VmView> _byId;
    // One per mode; replaced whole, so planners on several threads see a consistent (cap, order) pair.
    private readonly ScoreOrder?[] _byScore = new ScoreOrder?[2];

    private ClusterIndex(IReadOnlyList<VmView> cluster, int ringSize)
    {
        _vms = [.. cluster];
        RingSize = ringSize;
        Ring = ConsistentHashRing.Build(_vms.Select(v => v.VmId), ringSize);
        _byId = new Dictionary<string, VmView>(_vms.Length, StringComparer.Ordinal);
        foreach (var vm in _vms)
        {
            _byId[vm.VmId] = vm; // a duplicate id keeps its last view, as the ring keeps one position
        }
    }

    public int RingSize { get; }

    public ConsistentHashRing Ring { get; }

    public VmView this[string vmId] => _byId[vmId];

    /// <summary>The index of <paramref name="cluster"/>, remembered while the same unchanged list is planned on.</summary>
    public static ClusterIndex For(IReadOnlyList<VmView> cluster, int ringSize)
    {
        if (Cache.TryGetValue(cluster, out var index) && index.RingSize == ringSize && index.Matches(cluster))
        {
            return index;
        }

        index = new ClusterIndex(cluster, ringSize);
        Cache.AddOrUpdate(cluster, index);
        return index;
    }

    /// <summary>
    /// The accepting VMs, least loaded first by <see cref="Headroom.Score"/> as a plan in <paramref name="mode"/> sees
    /// them (<paramref name="observe"/>), ties in ring order.
    /// </summary>
    public VmView[] ByScore(PolicyMode mode, double cap, Func<VmView, PolicyMode, VmView> observe)
    {
        var slot = mode == PolicyMode.Paper ? 1 : 0;
        if (Volatile.Read(ref _byScore[slot]) is { } sorted && sorted.Cap == cap)
        {
            return sorted.Vms;
        }

        var accepting = Ring.Members.Select(id => observe(_byId[id], mode)).Where(v => v.AcceptsWork).ToArray();
        var scores = accepting.Select(v => Headroom.Score(v, cap)).ToArray();
        var order = Enumerable.Range(0, accepting.Length).OrderBy(i => scores[i]).ThenBy(i => i).Select(i => accepting[i]).ToArray();
        Volatile.Write(ref _byScore[slot], new ScoreOrder(cap, order));
        return order;
    }

    private bool Matches(IReadOnlyList<VmView> cluster)
    {
        if (cluster.Count != _vms.Length)
        {
            return false;
        }

        for (var i = 0; i < _vms.Length; i++)
        {
            if (!ReferenceEquals(cluster[i], _vms[i]))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record ScoreOrder(double Cap, VmView[] Vms);
}
