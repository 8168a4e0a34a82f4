namespace HarvestOrleans.Cluster;

/// <summary>One VM as the cluster sees it.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.VmSnapshot")]
public sealed record VmSnapshot
{
    [Id(0)] public required string VmId { get; init; }

    [Id(1)] public required string SiloAddress { get; init; }

    [Id(2)] public VmRole Role { get; init; }

    [Id(3)] public VmState State { get; init; }

    [Id(4)] public double Cores { get; init; }

    [Id(5)] public double MemoryMb { get; init; }

    [Id(6)] public double PricePerCoreHour { get; init; }

    [Id(7)] public VmLoad Load { get; init; } = VmLoad.Idle;

    [Id(8)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When a Draining VM goes away (its eviction notice's deadline).</summary>
    [Id(9)] public DateTimeOffset? EvictionDeadline { get; init; }

    /// <summary>Why the VM is Draining or Evicted.</summary>
    [Id(10)] public string? EvictionReason { get; init; }
}

/// <summary>All known VMs.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.ClusterSnapshot")]
public sealed record ClusterSnapshot
{
    public static ClusterSnapshot Empty { get; } = new();

    [Id(0)] public VmSnapshot[] Vms { get; init; } = [];

    [Id(1)] public DateTimeOffset TakenAt { get; init; }

    /// <summary>Every function the cluster has routed, with its worker set.</summary>
    [Id(2)] public Routing.FunctionRoutingInfo[] Functions { get; init; } = [];

    public VmSnapshot? Find(string vmId) => Array.Find(Vms, v => v.VmId == vmId);
}
