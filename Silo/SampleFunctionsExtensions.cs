using HarvestOrleans.Hosting;
using HarvestOrleans.Samples;

namespace HarvestOrleans.Silo;

/// <summary>The quick start's sample functions (echo, sleep, primes), registered only when configuration asks.</summary>
public static class SampleFunctionsExtensions
{
    /// <summary>
    /// The setting that turns them on: `dotnet run --project Silo` does (its launch profile sets <c>Harvest__SampleFunctions</c>),
    /// and the demo registers them itself; a deployed silo (<c>dotnet HarvestOrleans.Silo.dll</c>) does not.
    /// </summary>
    public const string SettingName = "Harvest:SampleFunctions";

    /// <summary>Registers the sample functions when <see cref="SettingName"/> is true.</summary>
    public static IHarvestSiloBuilder AddSampleFunctionsWhenConfigured(this IHarvestSiloBuilder harvest) =>
        harvest.Silo.Configuration.GetValue<bool>(SettingName) ? harvest.AddSampleFunctions() : harvest;

    /// <summary>Registers the sample functions.</summary>
    public static IHarvestSiloBuilder AddSampleFunctions(this IHarvestSiloBuilder harvest) => harvest.AddFunctions(SampleFunctions.All);
}
