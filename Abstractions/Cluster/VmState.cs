namespace HarvestOrleans.Cluster;

[GenerateSerializer, Alias("HarvestOrleans.VmState")]
public enum VmState
{
    /// <summary>Takes new work.</summary>
    Active = 0,

    /// <summary>Eviction announced: takes no new work; running invocations finish.</summary>
    Draining = 1,

    /// <summary>Gone.</summary>
    Evicted = 2,
}
