using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Hosting;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>
/// A two-silo in-process cluster with test functions and a package store, small package limits (8 MB zip, 32 MB
/// extracted) and a 2-second keep-alive, so unloading can be observed.
/// </summary>
public abstract class PackageClusterFixture : IAsyncLifetime
{
    public const long MaxPackageBytes = 8L * 1024 * 1024;
    public const long MaxExtractedBytes = 32L * 1024 * 1024;
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(2);

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("harvest-functions-").FullName;

    public HarvestTestCluster Harvest { get; private set; } = null!;

    public InProcessTestCluster Cluster => Harvest.Cluster;

    public HarvestClient Client => Harvest.Client;

    public HarvestOperator Operator => Harvest.Operator;

    protected abstract Task<Action<IHarvestSiloBuilder>> StartStoreAsync();

    public virtual async Task InitializeAsync()
    {
        var useStore = await StartStoreAsync();
        await TestPackages.PublishFolderAsync();
        Harvest = await new HarvestTestClusterBuilder()
            .AddVms(4, 4)
            .ConfigureHarvest(harvest =>
            {
                harvest
                    .AddTestFunctions()
                    .ConfigurePackages(o => (o.MaxPackageBytes, o.MaxExtractedBytes, o.WorkDirectory) = (MaxPackageBytes, MaxExtractedBytes, _workDirectory))
                    .ConfigureWarmPool(o => (o.KeepAlive, o.SweepInterval) = (KeepAlive, TimeSpan.FromMilliseconds(100)));
                useStore(harvest);
            })
            .StartAsync();
    }

    /// <summary>A service of the silo that runs VM <paramref name="vmId"/>.</summary>
    public T ServiceOf<T>(string vmId) where T : notnull => Harvest.ServiceOf<T>(vmId);

    public IPackageStore Store => Cluster.GetSiloServiceProvider(Cluster.GetActiveSilos().First().SiloAddress).GetRequiredService<IPackageStore>();

    public virtual async Task DisposeAsync()
    {
        await Harvest.DisposeAsync();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Packages in a local folder: the embedded default.</summary>
public sealed class LocalStoreCluster : PackageClusterFixture
{
    private readonly string _folder = Directory.CreateTempSubdirectory("harvest-packages-").FullName;

    protected override Task<Action<IHarvestSiloBuilder>> StartStoreAsync() =>
        Task.FromResult<Action<IHarvestSiloBuilder>>(harvest => harvest.UseLocalPackageStore(_folder));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>Packages in Azure Blob Storage, served by a real Azurite.</summary>
public sealed class AzuriteStoreCluster : PackageClusterFixture
{
    private AzuriteServer? _azurite;

    protected override async Task<Action<IHarvestSiloBuilder>> StartStoreAsync()
    {
        _azurite = await AzuriteServer.StartAsync();
        var connectionString = _azurite.ConnectionString;
        return harvest => harvest.UseBlobPackageStore(connectionString, "test-packages");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
