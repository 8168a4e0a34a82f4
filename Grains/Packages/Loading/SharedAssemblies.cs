using HarvestOrleans.Packages;
using System.Reflection;
using System.Runtime.InteropServices;

namespace HarvestOrleans.Grains.Packages;

/// <summary>
/// Assemblies a package shares with the host: the .NET framework and the function contract with everything it
/// references (<see cref="ContractAssemblies"/>), so that <c>IHarvestFunction</c> is the same type on both sides.
/// </summary>
internal static class SharedAssemblies
{
    private static readonly Lazy<HashSet<string>> Names = new(Compute);

    public static bool IsShared(AssemblyName name) => name.Name is { } simple && Names.Value.Contains(simple);

    private static HashSet<string> Compute()
    {
        var names = new HashSet<string>(ContractAssemblies.Names, StringComparer.OrdinalIgnoreCase);
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string tpa)
        {
            foreach (var path in tpa.Split(Path.PathSeparator).Where(p => p.StartsWith(runtime, StringComparison.Ordinal)))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return names;
    }
}
