using HarvestOrleans.Packages;
using System.Collections.Concurrent;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Functions;
using HarvestOrleans.Grains.Options;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Packages;

/// <summary>
/// A package function's cold start on this VM: fetch the package, verify its digest, extract it safely, load it into
/// its own collectible context and create the function. Unloading releases the context and deletes the folder.
/// </summary>
public sealed class PackageFunctionLoader(IPackageStore store, IOptions<PackageOptions> options)
{
    private readonly PackageOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, WeakReference> _unloaded = new(StringComparer.Ordinal);

    public PackageLimits Limits => new(_options.MaxPackageBytes, _options.MaxExtractedBytes, _options.MaxEntries);

    /// <summary>The load context of the version last unloaded under <paramref name="functionKey"/> (name@version), to check it was collected.</summary>
    public WeakReference? UnloadedContext(string functionKey) => _unloaded.GetValueOrDefault(functionKey);

    public async Task<LoadedFunction> LoadAsync(PackagedFunction function, CancellationToken cancellationToken)
    {
        var archive = await store.GetAsync(function.Digest, _options.MaxPackageBytes, cancellationToken).ConfigureAwait(false);
        var digest = PackageDigest.Of(archive);
        if (digest != function.Digest)
        {
            throw new PackageLoadException($"Package {function.Package} v{function.Spec.Version} failed verification: its SHA-256 is {digest}, expected {function.Digest}.");
        }

        var folder = Path.Combine(HarvestFolders.CreatePrivate(_options.WorkDirectory), $"{function.Key}-{Guid.NewGuid():N}");
        var context = new PackageLoadContext(folder, function.Key);
        try
        {
            PackageArchive.Extract(archive, folder, Limits);
            var type = PackageTypes.ResolveFunctionType(context, folder, function.Assembly, function.EntryType);
            var instance = (IHarvestFunction)Activator.CreateInstance(type)!;
            return new LoadedFunction(instance, () => Unload(function.Key, context, folder));
        }
        catch (InvalidDataException ex)
        {
            Unload(function.Key, context, folder);
            throw new PackageLoadException($"Package {function.Package} v{function.Spec.Version}: {ex.Message}", ex);
        }
        catch
        {
            Unload(function.Key, context, folder);
            throw;
        }
    }

    private void Unload(string key, PackageLoadContext context, string folder)
    {
        _unloaded[key] = new WeakReference(context);
        context.Unload();
        ReflectionCaches.Clear();
        PackageFolders.TryDelete(folder);
    }
}
