using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionHosting;

/// <summary>A function version this silo can run: its spec and how to create its instance.</summary>
public sealed record FunctionRegistration(FunctionSpec Spec, Func<IServiceProvider, IHarvestFunction> Factory)
{
    public string Key => FunctionKey(Spec.Name, Spec.Version);

    public static string FunctionKey(string name, string version) => $"{name}@{version}";
}
