namespace HarvestOrleans.Cluster;

/// <summary>What a silo announces about its VM when it starts.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.VmRegistration")]
public sealed record VmRegistration
{
    [Id(0)] public required string VmId { get; init; }

    /// <summary>The silo's address (Orleans parsable form): the key of its invoker.</summary>
    [Id(1)] public required string SiloAddress { get; init; }

    [Id(2)] public VmRole Role { get; init; }

    [Id(3)] public double Cores { get; init; }

    [Id(4)] public double MemoryMb { get; init; }

    [Id(5)] public double PricePerCoreHour { get; init; }
}
