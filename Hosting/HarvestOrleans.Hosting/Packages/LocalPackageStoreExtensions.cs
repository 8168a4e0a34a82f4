using HarvestOrleans.Hosting.Providers;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

[assembly: HarvestProvider(HarvestProviderKinds.Packages, "Local", typeof(HarvestOrleans.Hosting.LocalPackageStoreProviderBuilder))]

namespace HarvestOrleans.Hosting;

/// <summary>The embedded package store.</summary>
public static class LocalPackageStoreExtensions
{
    /// <summary>
    /// Keeps function packages in a folder shared by this machine's silos: the embedded default
    /// (<c>Harvest:Packages:ProviderType=Local</c>, folder <c>Harvest:Packages:LocalPath</c>).
    /// </summary>
    public static IHarvestSiloBuilder UseLocalPackageStore(this IHarvestSiloBuilder harvest, string folder)
    {
        harvest.Services.Configure<PackageOptions>(o => o.LocalPath = folder);
        return harvest.UsePackageStore(sp => new LocalFolderPackageStore(sp.GetRequiredService<IOptions<PackageOptions>>().Value.LocalPath));
    }

    /// <summary>Keeps function packages in the store <paramref name="create"/> makes (one per silo).</summary>
    public static IHarvestSiloBuilder UsePackageStore(this IHarvestSiloBuilder harvest, Func<IServiceProvider, IPackageStore> create)
    {
        harvest.Services.Replace(ServiceDescriptor.Singleton(create));
        return harvest;
    }
}

internal sealed class LocalPackageStoreProviderBuilder : IHarvestProviderBuilder
{
    public void Configure(IHarvestSiloBuilder harvest, IConfigurationSection section) =>
        harvest.UsePackageStore(sp => new LocalFolderPackageStore(sp.GetRequiredService<IOptions<PackageOptions>>().Value.LocalPath));
}
