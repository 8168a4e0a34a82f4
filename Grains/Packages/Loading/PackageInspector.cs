using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Options;

namespace HarvestOrleans.Grains.Packages;

/// <summary>
/// Checks a package before it is accepted: a readable zip within the limits, a valid manifest, and for each function
/// an entry type that loads (with its dependencies) and is a function. Loads into a throw-away context.
/// </summary>
public sealed class PackageInspector(PackageLimits limits, string workDirectory)
{
    /// <summary>The package's functions at <paramref name="version"/>; throws <see cref="PackageRejectedException"/> naming the cause.</summary>
    public (string Package, PackagedFunction[] Functions) Inspect(byte[] archive, string digest, string version)
    {
        PackageManifest manifest;
        try
        {
            manifest = PackageArchive.ReadManifest(archive, limits);
        }
        catch (InvalidDataException ex)
        {
            throw new PackageRejectedException(ex.Message, ex);
        }

        var folder = Path.Combine(HarvestFolders.CreatePrivate(workDirectory), $"inspect-{Guid.NewGuid():N}");
        var context = new PackageLoadContext(folder, $"inspect:{manifest.Package}");
        try
        {
            PackageArchive.Extract(archive, folder, limits);
            foreach (var function in manifest.Functions)
            {
                PackageTypes.ResolveFunctionType(context, folder, function.Assembly, function.EntryType);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new PackageRejectedException(ex.Message, ex);
        }
        finally
        {
            context.Unload();
            PackageFolders.TryDelete(folder);
        }

        var functions = manifest.Functions
            .Select(f => new PackagedFunction
            {
                Spec = f.ToSpec(version),
                Package = manifest.Package,
                Digest = digest,
                Assembly = f.Assembly,
                EntryType = f.EntryType,
            })
            .ToArray();
        return (manifest.Package, functions);
    }
}
