using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Functions;

namespace HarvestOrleans.Grains.Packages;

/// <summary>A created function instance and how to release what its loading took (for a package, its load context).</summary>
public sealed class LoadedFunction(IHarvestFunction function, Action? release = null)
{
    public IHarvestFunction Function { get; } = function;

    public async ValueTask UnloadAsync()
    {
        switch (Function)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }

        release?.Invoke();
    }
}
