using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Functions;

namespace HarvestOrleans.Grains.FunctionHosting;

/// <summary>A function version this silo can run: its spec and how to load an instance of it (its cold start).</summary>
public sealed class FunctionRegistration(FunctionSpec spec, Func<IServiceProvider, CancellationToken, Task<LoadedFunction>> load)
{
    /// <summary>An in-process function: created by <paramref name="factory"/>, nothing to unload.</summary>
    public FunctionRegistration(FunctionSpec spec, Func<IServiceProvider, IHarvestFunction> factory)
        : this(spec, (services, _) => Task.FromResult(new LoadedFunction(factory(services))))
    {
    }

    public FunctionSpec Spec { get; } = spec;

    public Func<IServiceProvider, CancellationToken, Task<LoadedFunction>> Load { get; } = load;

    public string Key => FunctionKey(Spec.Name, Spec.Version);

    public static string FunctionKey(string name, string version) => $"{name}@{version}";
}
