using HarvestOrleans.Cluster;

namespace HarvestOrleans.GrainInterfaces;

/// <summary>
/// The cluster-wide read model of every VM, fed by the HarvestVmGrains. One activation (key 0); silos poll it once per
/// refresh interval instead of asking every VM grain.
/// </summary>
[Alias("HarvestOrleans.IClusterRegistryGrain")]
public interface IClusterRegistryGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    [Alias("Upsert")]
    Task UpsertAsync(VmSnapshot vm);

    [OneWay, Alias("UpsertFunction")]
    Task UpsertFunctionAsync(Routing.FunctionRoutingInfo function);

    [ReadOnly, Alias("GetSnapshot")]
    Task<ClusterSnapshot> GetSnapshotAsync();
}
