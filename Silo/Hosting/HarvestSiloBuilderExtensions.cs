using Azure.Identity;
using Azure.Storage.Blobs;
using HarvestOrleans.Cluster;
using HarvestOrleans.Packages;
using HarvestOrleans.Eviction;
using HarvestOrleans.Harvest;
using HarvestOrleans.Provisioning;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;
using HarvestOrleans.Diagnostics;
using HarvestOrleans.FunctionHosting;
using HarvestOrleans.Functions;
using HarvestOrleans.Invocation;
using HarvestOrleans.Options;
using HarvestOrleans.Placement;
using HarvestOrleans.Policies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using HarvestOrleans.Client;

namespace HarvestOrleans.Hosting;

public static class HarvestSiloBuilderExtensions
{
    /// <summary>
    /// Makes this silo a Harvest VM: its invoker, its VM agent and the HarvestOrleans grains. Options bind from the
    /// <c>Harvest:Vm</c>, <c>Harvest:Invoker</c> and <c>Harvest:Balancing</c> configuration sections, then
    /// <paramref name="configure"/> adds functions and overrides. A silo given no endpoint address listens on 127.0.0.1
    /// only: its silo and gateway ports are unauthenticated and must stay on a private network.
    /// </summary>
    public static ISiloBuilder UseHarvest(this ISiloBuilder silo, Action<IHarvestSiloBuilder>? configure = null)
    {
        var services = silo.Services;
        if (!services.Any(d => d.ServiceType == typeof(HarvestMarker)))
        {
            services.AddSingleton<HarvestMarker>();
            // First among the endpoint post-configurations, so it sees what was configured before Orleans fills in its default address.
            services.Insert(0, ServiceDescriptor.Singleton<IPostConfigureOptions<EndpointOptions>, LoopbackEndpointDefault>());
            services.AddOptions<HarvestVmOptions>().BindConfiguration(HarvestVmOptions.SectionName);
            services.AddOptions<InvokerOptions>().BindConfiguration(InvokerOptions.SectionName);
            services.AddOptions<BalancingOptions>().BindConfiguration(BalancingOptions.SectionName);
            services.AddOptions<EvictionOptions>().BindConfiguration(EvictionOptions.SectionName);
            services.AddOptions<HarvestMonitorOptions>().BindConfiguration(HarvestMonitorOptions.SectionName);
            services.AddOptions<ResourceMonitorOptions>().BindConfiguration(ResourceMonitorOptions.SectionName);
            services.AddOptions<PackageOptions>().BindConfiguration(PackageOptions.SectionName);
            services.AddOptions<WarmPoolOptions>().BindConfiguration(WarmPoolOptions.SectionName);
            services.AddOptions<AsyncInvocationOptions>().BindConfiguration(AsyncInvocationOptions.SectionName);
            // Async invocations resume through a reminder at their own interval, which may be below Orleans' 1-minute minimum.
            services.AddOptions<ReminderOptions>().Configure<IOptions<AsyncInvocationOptions>>((o, async) =>
                o.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(o.MinimumReminderPeriod.Ticks, async.Value.ResumeInterval.Ticks)));
            services.AddSingleton<IConfigurationValidator, AsyncInvocationOptionsValidator>();
            services.AddSingleton<IConfigurationValidator, PackageOptionsValidator>();
            services.AddSingleton<IConfigurationValidator, WarmPoolOptionsValidator>();
            services.AddSingleton<IConfigurationValidator, EvictionOptionsValidator>();
            services.AddSingleton<IConfigurationValidator, HarvestMonitorOptionsValidator>();
            services.AddSingleton<IConfigurationValidator, ResourceMonitorOptionsValidator>();
            services.AddSingleton<IConfigurationValidator, HarvestVmOptionsValidator>();
            services.AddSingleton<IConfigurationValidator, InvokerOptionsValidator>();
            services.AddSingleton<IConfigurationValidator, BalancingOptionsValidator>();
            services.AddSingleton<IConfigurationValidator, RoutingTimingValidator>();
            services.AddSingleton<IConfigurationValidator, FunctionCatalogValidator>();

            services.TryAddSingleton(TimeProvider.System);
            services.AddMetrics();
            services.AddSingleton<HarvestMetrics>();
            services.AddSingleton<VmIdentity>();
            services.AddSingleton<SiloLiveness>();
            services.AddSingleton<RegisteredFunctionCatalog>();
            services.AddSingleton<IFunctionCatalog, FunctionCatalog>();
            services.AddSingleton<WarmPool>();
            services.AddSingleton<PackageCatalogCache>();
            services.AddSingleton<PackageFunctionLoader>();
            services.TryAddSingleton<IPackageStore>(sp => CreatePackageStore(sp.GetRequiredService<IOptions<PackageOptions>>().Value));
            services.AddSingleton<FunctionInvoker>();
            services.AddSingleton<RecentOutcomes>(_ => new RecentOutcomes());
            services.AddHarvestClient(); // async invocations and the HTTP trigger route like any caller
            services.AddHarvestPolicies(); // the registries LivePolicies, WarmPool and the validators look names up in
            services.AddSingleton<Routing.LivePolicies>();
            services.AddSingleton<LocalGrainRegistry>();
            services.AddSingleton<EvictionPublisher>();
            services.AddSingleton<InFlightInvocations>();
            services.AddSingleton<VmDrainCoordinator>();
            services.TryAddSingleton<ISiloShutdown, HostShutdown>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloDeathWatcher>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, HarvestMonitor>();
            silo.AddMemoryStreams(HarvestStreams.ProviderName);
            services.AddSingleton<ClusterViewCache>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ClusterViewCache>());
            services.AddSingleton<VmAgent>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<VmAgent>());
            silo.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        }

        configure?.Invoke(new HarvestSiloBuilder(silo));
        return silo;
    }

    public static IHarvestSiloBuilder ConfigureVm(this IHarvestSiloBuilder harvest, Action<HarvestVmOptions> configure)
    {
        harvest.Services.Configure(configure);
        return harvest;
    }

    public static IHarvestSiloBuilder ConfigureInvoker(this IHarvestSiloBuilder harvest, Action<InvokerOptions> configure)
    {
        harvest.Services.Configure(configure);
        return harvest;
    }

    public static IHarvestSiloBuilder ConfigureBalancing(this IHarvestSiloBuilder harvest, Action<BalancingOptions> configure)
    {
        harvest.Services.Configure(configure);
        return harvest;
    }

    /// <summary>Registers a function implemented by <typeparamref name="TFunction"/>, created through DI on each VM.</summary>
    public static IHarvestSiloBuilder AddFunction<TFunction>(this IHarvestSiloBuilder harvest, FunctionSpec spec)
        where TFunction : class, IHarvestFunction
    {
        harvest.Services.AddSingleton(new FunctionRegistration(spec, sp => ActivatorUtilities.CreateInstance<TFunction>(sp)));
        return harvest;
    }

    public static IHarvestSiloBuilder AddFunction(this IHarvestSiloBuilder harvest, FunctionSpec spec, Func<IServiceProvider, IHarvestFunction> factory)
    {
        harvest.Services.AddSingleton(new FunctionRegistration(spec, factory));
        return harvest;
    }

    /// <summary>
    /// Keeps HarvestOrleans state (VM records, stream subscriptions) in silo memory: the embedded default. It is lost
    /// when the cluster stops, and a VM record can be lost with the silo holding it; use a real store in production.
    /// </summary>
    public static IHarvestSiloBuilder UseInMemoryState(this IHarvestSiloBuilder harvest)
    {
        foreach (var name in StateProviderNames)
        {
            harvest.Silo.AddMemoryGrainStorage(name, (OptionsBuilder<MemoryGrainStorageOptions> options) => WithOrleansSerializer(options));
        }

        harvest.Silo.UseInMemoryReminderService();
        return harvest;
    }

    /// <summary>Keeps HarvestOrleans state (and the reminders that resume async invocations) in Redis, so VM and invocation records survive their silos.</summary>
    public static IHarvestSiloBuilder UseRedisState(this IHarvestSiloBuilder harvest, string connectionString)
    {
        foreach (var name in StateProviderNames)
        {
            harvest.Silo.AddRedisGrainStorage(name, (OptionsBuilder<RedisStorageOptions> options) => WithOrleansSerializer(options)
                .Configure(o => (o.ConfigurationOptions, o.DeleteStateOnClear) = (ConfigurationOptions.Parse(connectionString), true))); // an expired async record leaves no key
        }

        harvest.Silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(connectionString));
        return harvest;
    }

    /// <summary>
    /// State is written with Orleans' own serializer: the contracts are [GenerateSerializer] records, and the storage
    /// providers' default JSON settings fail on them (shared record instances).
    /// </summary>
    private static OptionsBuilder<T> WithOrleansSerializer<T>(OptionsBuilder<T> options)
        where T : class, IStorageProviderSerializerOptions =>
        options.Configure<Serializer>((o, serializer) => o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));

    private static readonly string[] StateProviderNames = [HarvestStorage.ProviderName, PubSubStoreName];

    /// <summary>How the Resource Monitor brings up VMs when Active cores fall below its minimum.</summary>
    public static IHarvestSiloBuilder UseVmProvisioner<TProvisioner>(this IHarvestSiloBuilder harvest)
        where TProvisioner : class, IVmProvisioner
    {
        harvest.Services.AddSingleton<IVmProvisioner, TProvisioner>();
        return harvest;
    }

    public static IHarvestSiloBuilder ConfigureEviction(this IHarvestSiloBuilder harvest, Action<EvictionOptions> configure)
    {
        harvest.Services.Configure(configure);
        return harvest;
    }

    public static IHarvestSiloBuilder ConfigureMonitor(this IHarvestSiloBuilder harvest, Action<HarvestMonitorOptions> configure)
    {
        harvest.Services.Configure(configure);
        return harvest;
    }

    public static IHarvestSiloBuilder ConfigureResourceMonitor(this IHarvestSiloBuilder harvest, Action<ResourceMonitorOptions> configure)
    {
        harvest.Services.Configure(configure);
        return harvest;
    }

    /// <summary>Keeps function packages in a folder shared by this machine's silos (the embedded default).</summary>
    public static IHarvestSiloBuilder UseLocalPackageStore(this IHarvestSiloBuilder harvest, string folder)
    {
        harvest.Services.Configure<PackageOptions>(o => (o.Store, o.LocalPath) = (PackageOptions.LocalStore, folder));
        return harvest;
    }

    /// <summary>Keeps function packages in Azure Blob Storage, reached with a connection string (account key, SAS or Azurite).</summary>
    public static IHarvestSiloBuilder UseBlobPackageStore(this IHarvestSiloBuilder harvest, string connectionString, string container = "harvest-packages")
    {
        harvest.Services.Configure<PackageOptions>(o => (o.Store, o.BlobConnectionString, o.BlobContainer) = (PackageOptions.BlobStore, connectionString, container));
        return harvest;
    }

    /// <summary>Keeps function packages in Azure Blob Storage, authenticated with <c>DefaultAzureCredential</c>.</summary>
    public static IHarvestSiloBuilder UseBlobPackageStore(this IHarvestSiloBuilder harvest, Uri serviceUri, string container = "harvest-packages")
    {
        harvest.Services.Configure<PackageOptions>(o => (o.Store, o.BlobServiceUri, o.BlobContainer) = (PackageOptions.BlobStore, serviceUri, container));
        return harvest;
    }

    public static IHarvestSiloBuilder ConfigurePackages(this IHarvestSiloBuilder harvest, Action<PackageOptions> configure)
    {
        harvest.Services.Configure(configure);
        return harvest;
    }

    /// <summary>Keep-alive of warm instances: fixed window or the hybrid histogram policy.</summary>
    public static IHarvestSiloBuilder ConfigureWarmPool(this IHarvestSiloBuilder harvest, Action<WarmPoolOptions> configure)
    {
        harvest.Services.Configure(configure);
        return harvest;
    }

    private static IPackageStore CreatePackageStore(PackageOptions options)
    {
        if (options.Store != PackageOptions.BlobStore)
        {
            return new LocalFolderPackageStore(options.LocalPath);
        }

        var service = string.IsNullOrWhiteSpace(options.BlobConnectionString)
            ? new BlobServiceClient(options.BlobServiceUri, new DefaultAzureCredential())
            : new BlobServiceClient(options.BlobConnectionString);
        return new BlobPackageStore(service.GetBlobContainerClient(options.BlobContainer));
    }

    /// <summary>Orleans' conventional storage name for stream subscriptions.</summary>
    private const string PubSubStoreName = "PubSubStore";

    private sealed class HarvestMarker;
}
