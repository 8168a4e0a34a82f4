namespace HarvestOrleans.Cluster;

[GenerateSerializer, Alias("HarvestOrleans.VmRole")]
public enum VmRole
{
    /// <summary>Harvested capacity: cores change at run time, and the VM can be evicted.</summary>
    Harvest = 0,

    /// <summary>A regular VM: fixed size, never evicted.</summary>
    Regular = 1,
}
