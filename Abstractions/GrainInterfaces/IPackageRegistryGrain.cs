using HarvestOrleans.Packages;

namespace HarvestOrleans.GrainInterfaces;

/// <summary>
/// The cluster's function packages: every deployed version with its digest, size and time, and each package's current
/// version. One activation, durable state.
/// </summary>
[Alias("HarvestOrleans.IPackageRegistryGrain")]
public interface IPackageRegistryGrain : IGrainWithStringKey
{
    public const string Key = "packages";

    /// <summary>
    /// Validates the zip, stores it by digest and makes it the package's new current version. A refused deploy says
    /// why. <paramref name="expectedDigest"/>, when given, must match the SHA-256 of the bytes received.
    /// </summary>
    [Alias("Deploy")]
    Task<DeployResult> DeployAsync(byte[] archive, string? expectedDigest);

    /// <summary>Makes <paramref name="version"/> (default: the one before the current) the package's current version.</summary>
    [Alias("Rollback")]
    Task<DeployResult> RollbackAsync(string package, string? version);

    /// <summary>Interleaves: silos catching up need not wait behind a deploy being validated.</summary>
    [Alias("GetCatalog"), AlwaysInterleave]
    Task<PackageCatalog> GetCatalogAsync();
}
