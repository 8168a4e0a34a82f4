using HarvestOrleans.Packages;

namespace HarvestOrleans.Grains.Packages;

/// <summary>Where package zips are kept, each named by its SHA-256 digest (so a stored package never changes).</summary>
public interface IPackageStore
{
    /// <summary>Where the store is, for messages.</summary>
    string Location { get; }

    Task<bool> ExistsAsync(string digest, CancellationToken cancellationToken);

    Task PutAsync(string digest, ReadOnlyMemory<byte> archive, CancellationToken cancellationToken);

    /// <summary>The stored bytes; throws <see cref="PackageLoadException"/> when absent or larger than <paramref name="maxBytes"/>.</summary>
    Task<byte[]> GetAsync(string digest, long maxBytes, CancellationToken cancellationToken);
}
