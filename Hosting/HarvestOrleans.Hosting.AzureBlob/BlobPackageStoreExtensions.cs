using Azure.Identity;
using Azure.Storage.Blobs;
using HarvestOrleans.Hosting.AzureBlob;
using HarvestOrleans.Hosting.Providers;

[assembly: HarvestProvider(HarvestProviderKinds.Packages, "AzureBlob", typeof(HarvestOrleans.Hosting.BlobPackageStoreProviderBuilder))]

namespace HarvestOrleans.Hosting;

/// <summary>Function packages in Azure Blob Storage.</summary>
public static class BlobPackageStoreExtensions
{
    /// <summary>Keeps function packages in Azure Blob Storage, reached with a connection string (account key, SAS or Azurite).</summary>
    public static IHarvestSiloBuilder UseBlobPackageStore(this IHarvestSiloBuilder harvest, string connectionString, string container = BlobPackageStoreOptions.DEFAULT_CONTAINER) =>
        harvest.UseBlobPackageStore(o => (o.ConnectionString, o.ServiceUri, o.Container) = (connectionString, null, container));

    /// <summary>Keeps function packages in Azure Blob Storage, authenticated with <c>DefaultAzureCredential</c>.</summary>
    public static IHarvestSiloBuilder UseBlobPackageStore(this IHarvestSiloBuilder harvest, Uri serviceUri, string container = BlobPackageStoreOptions.DEFAULT_CONTAINER) =>
        harvest.UseBlobPackageStore(o => (o.ConnectionString, o.ServiceUri, o.Container) = (null, serviceUri, container));

    /// <summary>Keeps function packages in Azure Blob Storage, with the settings of <c>Harvest:Packages:AzureBlob</c> and <paramref name="configure"/>.</summary>
    public static IHarvestSiloBuilder UseBlobPackageStore(this IHarvestSiloBuilder harvest, Action<BlobPackageStoreOptions>? configure = null)
    {
        var options = harvest.Services.AddOptions<BlobPackageStoreOptions>().BindConfiguration(BlobPackageStoreOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        harvest.Services.AddSingleton<IConfigurationValidator, BlobPackageStoreOptionsValidator>();
        return harvest.UsePackageStore(sp => Create(sp.GetRequiredService<IOptions<BlobPackageStoreOptions>>().Value));
    }

    private static BlobPackageStore Create(BlobPackageStoreOptions options)
    {
        var service = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.ServiceUri, new DefaultAzureCredential())
            : new BlobServiceClient(options.ConnectionString);
        return new BlobPackageStore(service.GetBlobContainerClient(options.Container));
    }
}

internal sealed class BlobPackageStoreProviderBuilder : IHarvestProviderBuilder
{
    public void Configure(IHarvestSiloBuilder harvest, IConfigurationSection section) => harvest.UseBlobPackageStore();
}
