using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Functions;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Policies;
using HarvestOrleans.Samples;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HarvestOrleans.Tests.Invocation;

/// <summary>
/// A one-silo cluster on which <c>never-placed</c> has no VM to run on: it is declared long and the eviction policy is
/// NoFailures (long functions on Regular VMs only; the silo's VM is a Harvest VM). Every placement attempt is refused
/// NoCapacity without running anything. The silo's invocation router counts the attempts it reports.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class AsyncRetryBudgetCluster : IAsyncLifetime
{
    public static readonly FunctionSpec NeverPlaced = new() { Name = "never-placed", Cores = 1, LongRunning = true };

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public HarvestClient Client { get; private set; } = null!;

    public CountingRouter Router => SiloServices.GetRequiredService<CountingRouter>();

    public IServiceProvider SiloServices => Cluster.GetSiloServiceProvider(Cluster.GetActiveSilos().Single().SiloAddress);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((options, silo) => silo.UseHarvest(harvest =>
        {
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.UseInMemoryReminderService();
            harvest
                .ConfigureVm(vm => (vm.VmId, vm.Cores) = (HarvestClusterFixture.VmIdOf(options.SiloName), 4))
                .UseInMemoryState()
                .UseFastTestTimings()
                .AddTestFunctions()
                .AddFunction<EchoFunction>(NeverPlaced);
            harvest.Services.Configure<EvictionOptions>(o => o.Policy = EvictionPolicyNames.NoFailures);
            harvest.Services.Configure<AsyncInvocationOptions>(o => (o.RetryDelay, o.MaxRetryDelay) = (TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(100)));
            // Async invocations route through the counting router (registered after UseHarvest's, so it wins).
            harvest.Services.AddSingleton(sp => new CountingRouter(sp.GetRequiredService<HarvestClient>()));
            harvest.Services.AddSingleton<IInvocationRouter>(sp => sp.GetRequiredService<CountingRouter>());
        }));
        builder.ConfigureClient(client => client.UseHarvestClient());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        Client = Cluster.Client.ServiceProvider.GetRequiredService<HarvestClient>();
        var ops = Cluster.Client.ServiceProvider.GetRequiredService<HarvestOperator>();
        await Eventually.WaitUntilAsync(async () => (await ops.GetClusterAsync()).Vms.Count(v => v.State == VmState.Active) == 1, "the VM is active");
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>Passes every call to the real router and adds up the placement attempts each record reports.</summary>
[Trait("Category", "Cluster")]
public sealed class CountingRouter(IInvocationRouter inner) : IInvocationRouter
{
    private int _attempts;
    private int _calls;

    public int Attempts => Volatile.Read(ref _attempts);

    public int Calls => Volatile.Read(ref _calls);

    public async Task<InvocationRecord> InvokeAsync(Guid id, string function, byte[] payload, string? version, int maxAttempts, int maxRoutingAttempts, CancellationToken cancellationToken = default)
    {
        var record = await inner.InvokeAsync(id, function, payload, version, maxAttempts, maxRoutingAttempts, cancellationToken);
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _attempts, record.Attempts);
        return record;
    }
}

/// <summary>One async invocation has one retry budget end to end (issue 13, item 6).</summary>
[Trait("Category", "Cluster")]
public sealed class AsyncRetryBudgetTests(AsyncRetryBudgetCluster fixture) : IClassFixture<AsyncRetryBudgetCluster>
{
    [Fact]
    public async Task An_async_invocation_refused_for_capacity_every_time_makes_at_most_its_budget_of_attempts()
    {
        var budget = AsyncInvocationOptions.DEFAULT_MAX_ATTEMPTS;
        var accepted = await fixture.Client.SubmitAsync(AsyncRetryBudgetCluster.NeverPlaced.Name, FunctionPayload.FromString("x").ToArray());
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var record = await fixture.Client.WaitForRecordAsync(accepted.Id, TimeSpan.FromMilliseconds(50), wait.Token);

        Assert.True(record is { Status: InvocationStatus.Rejected, Error.Type: InvocationErrorTypes.NoCapacity }, $"{record.Status}: {record.Error?.Type} {record.Error?.Message}");
        var attempts = fixture.Router.Attempts;
        // Before: the async grain's 7 capacity tries each wrapped the client's 4 routing attempts — 28 in all.
        Assert.True(attempts <= budget, $"{attempts} attempts in {fixture.Router.Calls} calls, over the budget of {budget}");
        Assert.Equal(budget, attempts); // the budget is spent, not cut short
        Assert.Equal(attempts, record.Attempts); // and the final record says so
        // Each attempt is its own call, so the async back-off spaces them all. Before: the client's quick routing retries
        // spent 4 of the 7 in the first call (2 calls in all), within a moment — shorter than a killed silo takes to be
        // declared dead, so an accepted invocation could end Rejected while the cluster healed.
        Assert.Equal(budget, fixture.Router.Calls);
    }
}
