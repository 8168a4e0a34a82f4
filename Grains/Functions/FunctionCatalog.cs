using System.Collections.Concurrent;
using HarvestOrleans.Packages;

namespace HarvestOrleans.FunctionHosting;

/// <summary>Functions registered in-process first, then the functions of deployed packages.</summary>
public sealed class FunctionCatalog(RegisteredFunctionCatalog registered, PackageCatalogCache packages, PackageFunctionLoader loader) : IFunctionCatalog
{
    private readonly ConcurrentDictionary<string, FunctionRegistration> _packaged = new(StringComparer.Ordinal);

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

        // One registration per function version and digest, so its warm instance is found again.
        return _packaged.GetOrAdd(
            function.Key + "#" + function.Digest,
            static (_, state) => new FunctionRegistration(state.function.Spec, (_, ct) => state.loader.LoadAsync(state.function, ct)),
            (function, loader));
    }
}
