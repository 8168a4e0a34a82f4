using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;

namespace HarvestOrleans.Testing;

/// <summary>A Harvest VM of a test cluster: one in-process silo with this VM id, size and role.</summary>
/// <param name="VmId">The VM id (<c>Harvest:Vm:VmId</c>).</param>
/// <param name="Cores">Its start-up size in cores (<c>Harvest:Vm:Cores</c>).</param>
/// <param name="Role">Harvested (resizable, evictable; the default) or regular.</param>
public sealed record HarvestTestVm(string VmId, double Cores, VmRole Role = VmRole.Harvest);
