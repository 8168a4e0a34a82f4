using HarvestOrleans.Packages;

namespace HarvestOrleans.Grains.Packages;

/// <summary>What a package may be: zip size, total extracted size and number of entries.</summary>
public sealed record PackageLimits(long MaxPackageBytes, long MaxExtractedBytes, int MaxEntries);
