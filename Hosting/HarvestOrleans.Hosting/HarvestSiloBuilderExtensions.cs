using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Grains.Harvest;
using HarvestOrleans.Grains.Provisioning;
using Orleans.Configuration;
using HarvestOrleans.Grains.Diagnostics;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Functions;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Grains.Placement;
using HarvestOrleans.Policies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using HarvestOrleans.Client;
using HarvestOrleans.Hosting.Providers;
using HarvestOrleans.Grains.Routing;
using HarvestOrleans.Invocations;
using HarvestOrleans.Resilience;
using Orleans.Storage;
using Polly;
using Polly.Retry;

namespace HarvestOrleans.Hosting;

/// <summary>Makes a silo a Harvest VM.</summary>
public static class HarvestSiloBuilderExtensions
{
    /// <summary>
    /// Makes this silo a Harvest VM: its invoker, its VM agent and the HarvestOrleans grains. Options bind from the
    /// <c>Harvest:*</c> configuration sections; providers named there (<c>Harvest:Cluster:ProviderType</c>,
    /// <c>Harvest:State:ProviderType</c>, <c>Harvest:Packages:ProviderType</c>, <c>Harvest:Provisioner:ProviderType</c>,
    /// see <see cref="HarvestProviderKinds"/>) are added, then <paramref name="configure"/> adds functions, providers
    /// chosen in code and overrides. A silo given no endpoint address listens on 127.0.0.1
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
            services.AddOptions<ResourcesOptions>().BindConfiguration(ResourcesOptions.SectionName);
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
            services.AddSingleton<IConfigurationValidator, ResourcesOptionsValidator>();
            services.AddSingleton<IConfigurationValidator, RoutingTimingValidator>();
            services.AddSingleton<IConfigurationValidator, FunctionCatalogValidator>();

            services.TryAddSingleton(TimeProvider.System);
            services.AddMetrics();
            services.AddSingleton<HarvestMetrics>();
            services.AddSingleton<VmIdentity>();
            services.AddSingleton<SiloLiveness>();
            services.AddSingleton<RegisteredFunctionCatalog>();
            services.AddSingleton<IReservedFunctionNames>(sp => sp.GetRequiredService<RegisteredFunctionCatalog>());
            services.AddSingleton<IFunctionCatalog, FunctionCatalog>();
            services.AddSingleton<WarmPool>();
            services.AddSingleton<PackageCatalogCache>();
            services.AddSingleton<PackageFunctionLoader>();
            // The embedded default store; UseBlobPackageStore (or a configured provider) replaces it.
            services.TryAddSingleton<IPackageStore>(sp => new LocalFolderPackageStore(sp.GetRequiredService<IOptions<PackageOptions>>().Value.LocalPath));
            services.AddSingleton<ResourceManager>();
            services.AddSingleton<FunctionCallRouter>(); // what running functions call other functions and entities with
            services.AddSingleton<FunctionInvoker>();
            services.AddSingleton<RecentOutcomes>(_ => new RecentOutcomes());
            services.AddSingleton<LocalInvoker>();
            services.AddSingleton<ILocalInvoker>(sp => sp.GetRequiredService<LocalInvoker>()); // this silo's client calls it without a grain call
            services.AddHarvestClient(); // async invocations and the HTTP trigger route like any caller
            services.TryAddSingleton<IInvocationRouter>(sp => sp.GetRequiredService<HarvestClient>());
            services.AddHarvestPolicies(); // the registries LivePolicies, WarmPool and the validators look names up in
            services.AddSingleton<LivePolicies>();
            services.AddSingleton<LocalGrainRegistry>();
            services.AddSingleton<EvictionPublisher>();
            services.AddSingleton<InFlightInvocations>();
            services.AddSingleton<VmDrainCoordinator>();
            services.AddSingleton<VmHandover>();
            services.AddSingleton<VmJoinWarmup>();
            services.TryAddSingleton<ISiloShutdown, HostShutdown>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloDeathWatcher>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, HarvestMonitor>();
            silo.AddMemoryStreams(HarvestStreams.ProviderName);
            services.AddSingleton<ClusterViewCache>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ClusterViewCache>());
            services.AddSingleton<VmAgent>();
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<VmAgent>());
            silo.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
            silo.AddPlacementDirector<EntityHomePlacement, EntityHomePlacementDirector>();
            AddSiloPipelines(services);
        }

        var harvest = new HarvestSiloBuilder(silo);
        // Providers named in configuration first, so that a choice made in code (configure) is registered last and wins.
        HarvestProviders.ApplyConfigured(harvest, silo.Configuration);
        configure?.Invoke(harvest);
        return silo;
    }

    /// <summary>The silo's named pipelines (see <see cref="HarvestPipelines"/>); the client's come with AddHarvestClient.</summary>
    private static void AddSiloPipelines(IServiceCollection services)
    {
        services.AddResiliencePipeline<string, InvocationRecord>(HarvestPipelines.AsyncCapacity, (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<AsyncInvocationOptions>>().Value;
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            builder.AddRetry(new RetryStrategyOptions<InvocationRecord>
            {
                // The record's Attempts is the invocation's running total: retry while the one budget has room.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { } record
                    && AsyncInvocationGrain.IsCapacityRejection(record) && record.Attempts < options.MaxAttempts),
                MaxRetryAttempts = options.MaxAttempts - 1, // each call spends at least one attempt
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                UseJitter = true,
            });
        });
        services.AddResiliencePipeline(HarvestPipelines.AsyncFinalWrite, (builder, context) =>
        {
            builder.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            builder.AddRetry(new RetryStrategyOptions
            {
                // Another activation wrote first: its record is the one storage has, so this one must not be written.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not InconsistentStateException),
                MaxRetryAttempts = HarvestPipelines.FinalWriteAttempts - 1,
                BackoffType = DelayBackoffType.Linear,
                Delay = HarvestPipelines.FinalWriteRetryDelay,
            });
        });
        services.AddResiliencePipeline(HarvestPipelines.SiloDeathMarking, builder => builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = HarvestPipelines.SiloDeathRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = HarvestPipelines.SiloDeathRetryDelay,
            UseJitter = true,
        }));
        services.AddResiliencePipeline(HarvestPipelines.EvictionAcknowledgement, builder => builder.AddRetry(new RetryStrategyOptions
        {
            // A dropped connection, an error status, or the client's timeout (a TaskCanceledException nobody asked for).
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TaskCanceledException>(ex => ex.InnerException is TimeoutException),
            MaxRetryAttempts = HarvestPipelines.EvictionAckRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = HarvestPipelines.EvictionAckRetryDelay,
            UseJitter = true,
        }));
        services.AddResiliencePipeline(HarvestPipelines.OrphanRebalance, builder => builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = HarvestPipelines.OrphanRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = HarvestPipelines.OrphanRetryDelay,
            UseJitter = true,
        }));
    }

    private sealed class HarvestMarker;
}

