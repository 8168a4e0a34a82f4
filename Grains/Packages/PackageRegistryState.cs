using HarvestOrleans.Packages;

namespace HarvestOrleans.Grains.Packages;

[GenerateSerializer, Alias("HarvestOrleans.PackageRegistryState")]
public sealed class PackageRegistryState
{
    [Id(0)] public long Generation { get; set; }

    /// <summary>Every version ever deployed, in deploy order.</summary>
    [Id(1)] public List<PackageVersion> Versions { get; set; } = [];

    [Id(2)] public Dictionary<string, string> Current { get; set; } = new(StringComparer.Ordinal);
}
