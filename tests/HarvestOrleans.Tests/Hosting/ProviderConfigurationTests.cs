using HarvestOrleans.Hosting;
using HarvestOrleans.Hosting.AzureBlob;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Reminders;
using Orleans.Runtime;
using Orleans.Storage;

namespace HarvestOrleans.Tests.Hosting;

/// <summary>Configuration picks the providers (Harvest:&lt;section&gt;:ProviderType) from the referenced hosting libraries.</summary>
[Trait("Category", "Cluster")]
public sealed class ProviderConfigurationTests
{
    [Fact]
    public void With_no_provider_named_the_package_store_is_the_local_folder()
    {
        using var host = Build();
        Assert.IsType<LocalFolderPackageStore>(host.Services.GetRequiredService<IPackageStore>());
    }

    [Fact]
    public void Configuration_picks_the_azure_blob_package_store_from_its_library()
    {
        using var host = Build(
            "--Harvest:Packages:ProviderType=AzureBlob",
            "--Harvest:Packages:AzureBlob:ConnectionString=UseDevelopmentStorage=true",
            "--Harvest:Packages:AzureBlob:Container=from-config");

        var store = Assert.IsType<BlobPackageStore>(host.Services.GetRequiredService<IPackageStore>());
        Assert.EndsWith("/from-config", store.Location);
    }

    [Fact]
    public void Configuration_picks_the_state_provider_and_code_may_still_choose_its_own()
    {
        using var memory = Build("--Harvest:State:ProviderType=Memory");
        Assert.NotNull(memory.Services.GetKeyedService<IGrainStorage>("harvest"));
        Assert.NotNull(memory.Services.GetService<IReminderTable>());

        using var none = Build();
        Assert.Null(none.Services.GetKeyedService<IGrainStorage>("harvest")); // nothing named, nothing chosen in code
    }

    [Fact]
    public void A_provider_no_referenced_library_provides_fails_with_the_known_names()
    {
        var ex = Assert.Throws<OrleansConfigurationException>(() => Build("--Harvest:State:ProviderType=Cassandra"));

        Assert.Contains("Harvest:State:ProviderType is 'Cassandra'", ex.Message);
        Assert.Contains("Memory", ex.Message);
        Assert.Contains("Redis", ex.Message);
    }

    [Fact]
    public void A_redis_provider_without_a_connection_string_fails_naming_the_settings()
    {
        var ex = Assert.Throws<OrleansConfigurationException>(() => Build("--Harvest:State:ProviderType=Redis"));

        Assert.Contains("Harvest:State:ConnectionString", ex.Message);
        Assert.Contains("Harvest:Cluster:Redis", ex.Message);
    }

    [Fact]
    public void Provider_names_are_matched_without_regard_to_case()
    {
        using var host = Build("--Harvest:Packages:ProviderType=azureblob", "--Harvest:Packages:AzureBlob:ConnectionString=UseDevelopmentStorage=true");
        Assert.IsType<BlobPackageStore>(host.Services.GetRequiredService<IPackageStore>());
    }

    private static IHost Build(params string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.UseOrleans(silo => silo.UseLocalhostClustering().UseHarvest());
        return builder.Build();
    }
}
