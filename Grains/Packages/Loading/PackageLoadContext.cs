using HarvestOrleans.Packages;
using System.Reflection;
using System.Runtime.Loader;

namespace HarvestOrleans.Grains.Packages;

/// <summary>
/// A collectible load context for one function version. The function contract and the .NET framework come from the
/// host (so <c>IHarvestFunction</c> is the same type on both sides); every other assembly comes from the package.
/// </summary>
internal sealed class PackageLoadContext(string folder, string name) : AssemblyLoadContext($"harvest:{name}", isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (SharedAssemblies.IsShared(assemblyName))
        {
            return null;
        }

        var path = Path.Combine(folder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null; // null: the host may still have it
    }
}
