using HarvestOrleans.Packages;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Packages;

/// <summary>
/// This silo's copy of the package catalog. Deploys and rollbacks push a new generation to every silo before they
/// answer; a copy older than <see cref="PackageOptions.CatalogRefresh"/> is re-read in the background, and an unknown
/// function or version is looked up again at once (at most once a second), in case a push was missed.
/// </summary>
public sealed partial class PackageCatalogCache(IGrainFactory grains, IOptions<PackageOptions> options, TimeProvider time, ILogger<PackageCatalogCache> logger)
{
    private static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly Lock _applying = new();
    private volatile Snapshot _snapshot = new(PackageCatalog.Empty, DateTimeOffset.MinValue);

    public PackageCatalog Catalog => _snapshot.Catalog;

    public async ValueTask<PackagedFunction?> FindAsync(string name, string? version)
    {
        var snapshot = _snapshot;
        var found = snapshot.Find(name, version);
        var age = time.GetUtcNow() - snapshot.ReadAt;
        if (found is not null)
        {
            if (age > options.Value.CatalogRefresh)
            {
                _ = RefreshQuietlyAsync();
            }

            return found;
        }

        if (age < MissRefreshInterval)
        {
            return null;
        }

        await RefreshAsync(minGeneration: 0).ConfigureAwait(false);
        return _snapshot.Find(name, version);
    }

    /// <summary>Takes a catalog pushed by the registry, unless this silo already has a newer one.</summary>
    public void Apply(PackageCatalog catalog)
    {
        lock (_applying)
        {
            if (catalog.Generation >= _snapshot.Catalog.Generation)
            {
                _snapshot = new Snapshot(catalog, time.GetUtcNow());
            }
        }
    }

    /// <summary>Re-reads the catalog unless this silo already has <paramref name="minGeneration"/> or newer.</summary>
    public async Task RefreshAsync(long minGeneration)
    {
        if (minGeneration > 0 && _snapshot.Catalog.Generation >= minGeneration)
        {
            return;
        }

        var asked = time.GetUtcNow();
        await _refreshing.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_snapshot.ReadAt >= asked && _snapshot.Catalog.Generation >= minGeneration)
            {
                return; // someone else refreshed while we waited
            }

            var catalog = await grains.GetGrain<IPackageRegistryGrain>(IPackageRegistryGrain.Key).GetCatalogAsync().ConfigureAwait(false);
            Apply(catalog);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await RefreshAsync(minGeneration: 0).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogRefreshFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the package catalog; keeping the copy this silo has")]
    private partial void LogRefreshFailed(Exception exception);

    /// <summary>A catalog with its lookups indexed once, since every invocation of a package function reads them.</summary>
    private sealed class Snapshot
    {
        private readonly Dictionary<string, PackagedFunction> _byKey = new(StringComparer.Ordinal);
        private readonly Dictionary<string, PackagedFunction> _current = new(StringComparer.Ordinal);

        public Snapshot(PackageCatalog catalog, DateTimeOffset readAt)
        {
            (Catalog, ReadAt) = (catalog, readAt);
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var version in catalog.Versions)
            {
                foreach (var function in version.Functions)
                {
                    _byKey[function.Key] = function;
                    owners[function.Spec.Name] = version.Package; // the package that last provided the name owns it
                }
            }

            foreach (var (name, package) in owners)
            {
                if (catalog.Current.TryGetValue(package, out var current)
                    && _byKey.TryGetValue($"{name}@{current}", out var function)
                    && function.Package == package)
                {
                    _current[name] = function;
                }
            }
        }

        public PackageCatalog Catalog { get; }

        public DateTimeOffset ReadAt { get; }

        public PackagedFunction? Find(string name, string? version) =>
            version is null ? _current.GetValueOrDefault(name) : _byKey.GetValueOrDefault($"{name}@{version}");
    }
}
