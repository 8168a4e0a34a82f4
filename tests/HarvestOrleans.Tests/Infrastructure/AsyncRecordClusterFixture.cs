using HarvestOrleans.Grains.Infrastructure;
using System.Collections.Concurrent;
using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Functions;
using HarvestOrleans.Hosting;
using HarvestOrleans.Grains.Options;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>
/// A one-silo cluster whose HarvestOrleans state is a <see cref="ControlledGrainStorage"/>, with the test functions,
/// two versions of <c>pinned</c> whose specs differ, and <c>hangs-once</c>. Short queue wait and response grace, so a
/// caller's wait bound is the function's timeout plus 1.5 s.
/// </summary>
public abstract class AsyncRecordClusterFixture(TimeSpan retention) : IAsyncLifetime
{
    public static readonly TimeSpan MaxQueueWait = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan ResponseGrace = TimeSpan.FromMilliseconds(500);

    /// <summary>Version 1: not idempotent, 30 s to run.</summary>
    public static readonly FunctionSpec PinnedV1 = new() { Name = "pinned", Version = "1", Cores = 1, Idempotent = false, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Version 2, the current one: idempotent, half a second to run.</summary>
    public static readonly FunctionSpec PinnedV2 = new() { Name = "pinned", Version = "2", Cores = 1, Idempotent = true, Timeout = TimeSpan.FromMilliseconds(500) };

    public static readonly FunctionSpec HangsOnce = new() { Name = "hangs-once", Cores = 1, Timeout = TimeSpan.FromMilliseconds(500) };

    public HarvestTestCluster Harvest { get; private set; } = null!;

    public InProcessTestCluster Cluster => Harvest.Cluster;

    public HarvestClient Client => Harvest.Client;

    public IGrainFactory Grains => Harvest.Grains;

    /// <summary>The silo's HarvestOrleans grain storage.</summary>
    public ControlledGrainStorage Storage => SiloServices.GetRequiredService<ControlledGrainStorage>();

    public IServiceProvider SiloServices => Cluster.GetSiloServiceProvider(Cluster.GetActiveSilos().Single().SiloAddress);

    public async Task InitializeAsync() =>
        Harvest = await new HarvestTestClusterBuilder()
            .AddVms(4)
            .UseState(harvest =>
            {
                harvest.Silo.AddMemoryGrainStorage("PubSubStore");
                harvest.Silo.UseInMemoryReminderService();
                harvest.Services.AddSingleton<ControlledGrainStorage>();
                harvest.Services.AddKeyedSingleton<IGrainStorage>(HarvestStorage.ProviderName, (sp, _) => sp.GetRequiredService<ControlledGrainStorage>());
            })
            .ConfigureHarvest(harvest =>
            {
                harvest
                    .ConfigureInvoker(o => o.MaxQueueWait = MaxQueueWait)
                    .AddTestFunctions()
                    .AddFunction<HoldingFunction>(PinnedV1)
                    .AddFunction<HoldingFunction>(PinnedV2)
                    .AddFunction<HangsOnceFunction>(HangsOnce);
                harvest.Services.Configure<AsyncInvocationOptions>(o => o.Retention = retention);
            })
            .ConfigureClient(o => o.ResponseGrace = ResponseGrace)
            .StartAsync();

    public async Task DisposeAsync()
    {
        HangsOnceFunction.Release();
        await Harvest.DisposeAsync();
    }
}

/// <summary>Async records kept for the default retention.</summary>
public sealed class AsyncRecordCluster() : AsyncRecordClusterFixture(AsyncInvocationOptions.DEFAULT_RETENTION);

/// <summary>Async records kept for two seconds.</summary>
public sealed class ShortRetentionCluster() : AsyncRecordClusterFixture(Retention)
{
    public static readonly TimeSpan Retention = TimeSpan.FromSeconds(2);
}

/// <summary>Runs for the milliseconds it is given (its work), counting how often each invocation id started.</summary>
public sealed class HoldingFunction : IHarvestFunction
{
    public static ConcurrentDictionary<Guid, int> Starts { get; } = new();

    public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        Starts.AddOrUpdate(context.InvocationId, 1, (_, n) => n + 1);
        await Task.Delay(input.ReadJson<int>(), cancellationToken);
        return FunctionPayload.FromString(context.Spec.Version);
    }
}

/// <summary>
/// Its first <see cref="InitializeAsync"/> blocks its thread, ignoring cancellation, until the test calls
/// <see cref="Release"/> (at most a minute); later ones return at once. Counts its instances' disposals.
/// </summary>
public sealed class HangsOnceFunction : IHarvestFunction, IDisposable
{
    private static readonly SemaphoreSlim Gate = new(0);
    private static int _initialisations;
    private static int _disposals;
    private static int _released;

    public static int Initialisations => Volatile.Read(ref _initialisations);

    public static int Disposals => Volatile.Read(ref _disposals);

    /// <summary>Ends the first initialisation's wait, once it has begun (before, it does nothing).</summary>
    public static void Release()
    {
        if (Initialisations > 0 && Interlocked.Exchange(ref _released, 1) == 0)
        {
            Gate.Release();
        }
    }

    public ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _initialisations) == 1)
        {
            Gate.Wait(TimeSpan.FromMinutes(1), CancellationToken.None);
        }

        return ValueTask.CompletedTask;
    }

    public Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken) =>
        Task.FromResult(FunctionPayload.FromString("initialised"));

    public void Dispose() => Interlocked.Increment(ref _disposals);
}
