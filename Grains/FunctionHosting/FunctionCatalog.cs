using System.Runtime.CompilerServices;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;

namespace HarvestOrleans.Grains.FunctionHosting;

/// <summary>Functions registered in-process first, then the functions of deployed packages.</summary>
public sealed class FunctionCatalog(RegisteredFunctionCatalog registered, PackageCatalogCache packages, PackageFunctionLoader loader) : IFunctionCatalog
{
    // One registration per catalog entry, made once (not per invocation); the warm pool finds instances by name@version.
    private readonly ConditionalWeakTable<PackagedFunction, FunctionRegistration> _packaged = [];

    public async ValueTask<FunctionRegistration?> FindAsync(string name, string? version)
    {
        if (registered.Find(name, version) is { } local)
        {
            return local;
        }

        if (await packages.FindAsync(name, version).ConfigureAwait(false) is not { } function)
        {
            return null;
        }

        return _packaged.TryGetValue(function, out var registration) ? registration : _packaged.GetValue(function, Register);
    }

    private FunctionRegistration Register(PackagedFunction function) =>
        new(function.Spec, (_, ct) => loader.LoadAsync(function, ct));
}
