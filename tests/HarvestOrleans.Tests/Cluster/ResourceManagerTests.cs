using HarvestOrleans.Client;
using HarvestOrleans.Functions;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Samples;
using HarvestOrleans.Tests.Infrastructure;
using HarvestOrleans.Tests.Invocation;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HarvestOrleans.Tests.Cluster;

/// <summary>
/// The invokers' resource manager: each invocation gets what the selected resource policy allocates, within the VM's
/// current cores, holds it in admission and runs on it; its record shows configured, allocated and used.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ResourceManagerTests : IDisposable
{
    private const double VmCores = 2;
    private static readonly FunctionSpec SleepTwo = SleepFunction.Spec with { Name = "sleep-two", Cores = 2, MemoryMb = 128 };
    private static readonly FunctionSpec BurnOne = new() { Name = "burn-one", Cores = 1, MemoryMb = 128, Timeout = TimeSpan.FromSeconds(60) };
    private static readonly FunctionSpec Flaky = new() { Name = "flaky", Cores = 2, MemoryMb = 128, Timeout = TimeSpan.FromSeconds(60) };

    private readonly string _weights = Path.Combine(Path.GetTempPath(), $"freyr-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_weights);

    private static async Task<InProcessTestCluster> StartAsync(Action<IHarvestSiloBuilder>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.UseHarvest(h =>
        {
            h.UseInMemoryState()
                .UseFastTestTimings()
                .ConfigureVm(o => o.Cores = VmCores)
                .AddFunction<SleepFunction>(SleepTwo)
                // Eight threads wide, so it uses whatever it is allotted: a function that is always under-provisioned.
                .AddFunction(BurnOne, _ => new CpuBurnFunction(TimeSpan.FromMilliseconds(40), threads: 8))
                .AddFunction(Flaky, _ => new FailOnRequestFunction());
            configure?.Invoke(h);
        }));
        builder.ConfigureClient(client => client.UseHarvestClient());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static HarvestClient Client(InProcessTestCluster cluster) => cluster.Client.ServiceProvider.GetRequiredService<HarvestClient>();

    private static HarvestOperator Operator(InProcessTestCluster cluster) => cluster.Client.ServiceProvider.GetRequiredService<HarvestOperator>();

    private static Task<InvocationRecord> SleepAsync(InProcessTestCluster cluster) =>
        Client(cluster).InvokeJsonAsync(SleepTwo.Name, new SleepFunction.Request(20));

    private static async Task<List<InvocationRecord>> RunAsync(InProcessTestCluster cluster, string function, int count, string input = "")
    {
        var records = new List<InvocationRecord>();
        for (var i = 0; i < count; i++)
        {
            records.Add(await Client(cluster).InvokeAsync(function, FunctionPayload.FromString(input)));
        }

        return records;
    }

    private void WriteUntrainedWeights() => FreyrFeatures.NewNetwork(new Random(7)).Save(_weights, "untrained, for tests");

    [Fact]
    public async Task Fixed_the_default_gives_every_invocation_its_configuration_and_records_it()
    {
        await using var cluster = await StartAsync();

        var records = new List<InvocationRecord>();
        for (var i = 0; i < 3; i++)
        {
            records.Add((await SleepAsync(cluster)).EnsureSuccess());
        }

        Assert.All(records, r =>
        {
            Assert.Equal((ResourcePolicyNames.Fixed, nameof(ResourceDecisionReason.Configured)), (r.ResourcePolicy, r.ResourceReason));
            Assert.Equal((2.0, 2.0, 2), (r.ConfiguredCores, r.AllocatedCores, r.AllottedCores));
            Assert.Equal((128.0, 128.0), (r.ConfiguredMemoryMb, r.AllocatedMemoryMb));
        });
    }

    [Fact]
    public async Task Greedy_steps_an_over_provisioned_function_down_after_its_history_and_it_still_succeeds_on_fewer_cores()
    {
        await using var cluster = await StartAsync(h => h.ConfigureResources(o => o.Policy = ResourcePolicyNames.Greedy));

        var records = new List<InvocationRecord>();
        for (var i = 0; i < 4; i++)
        {
            records.Add((await SleepAsync(cluster)).EnsureSuccess());
        }

        // A sleeping function uses next to no CPU: one step of 0.5 down per run, from its configured 2 cores.
        Assert.Equal([2.0, 1.5, 1.0, 0.5], records.Select(r => r.AllocatedCores));
        Assert.Equal(nameof(ResourceDecisionReason.Stepped), records[^1].ResourceReason);
        Assert.True(records[^1].AllocatedCores < records[^1].ConfiguredCores);
        Assert.Equal(1, records[^1].AllottedCores);
        Assert.All(records, r => Assert.Equal(128.0, r.AllocatedMemoryMb)); // no memory peak is measured: memory stays configured
    }

    [Theory]
    [InlineData(ResourcePolicyNames.Greedy)]
    [InlineData(ResourcePolicyNames.Freyr)]
    public async Task Greedy_and_Freyr_never_allocate_more_cores_than_the_vm_has_now(string policy)
    {
        WriteUntrainedWeights(); // Freyr with a network, so it accelerates where its safeguard allows
        await using var cluster = await StartAsync(h => h.ConfigureResources(o => (o.Policy, o.FreyrWeightsPath) = (policy, _weights)));

        var onTwo = await RunAsync(cluster, BurnOne.Name, 6);
        var vm = onTwo[0].VmId!;
        await Operator(cluster).ResizeVmAsync(vm, 1);
        var onOne = await RunAsync(cluster, BurnOne.Name, 4);
        var configuredAbove = (await SleepAsync(cluster)).EnsureSuccess(); // its first run: the configuration, 2 cores

        Assert.All(onTwo.Concat(onOne), r => Assert.Equal((InvocationStatus.Succeeded, policy), (r.Status, r.ResourcePolicy)));
        Assert.All(onTwo, r => Assert.InRange(r.AllocatedCores, 0.5, VmCores));
        Assert.All(onOne, r => Assert.InRange(r.AllocatedCores, 0.5, 1));
        Assert.Equal((2.0, 1.0, 1), (configuredAbove.ConfiguredCores, configuredAbove.AllocatedCores, configuredAbove.AllottedCores));
    }

    [Fact]
    public async Task After_a_failed_run_Freyr_falls_back_to_the_configuration()
    {
        WriteUntrainedWeights();
        await using var cluster = await StartAsync(h => h.ConfigureResources(o => (o.Policy, o.FreyrWeightsPath) = (ResourcePolicyNames.Freyr, _weights)));

        var first = await RunAsync(cluster, Flaky.Name, 2);
        var failed = Assert.Single(await RunAsync(cluster, Flaky.Name, 1, "fail"));
        var after = Assert.Single(await RunAsync(cluster, Flaky.Name, 1));

        Assert.Equal(nameof(ResourceDecisionReason.NoHistory), first[0].ResourceReason);
        Assert.Equal(InvocationStatus.Failed, failed.Status);
        after.EnsureSuccess();
        Assert.Equal(nameof(ResourceDecisionReason.LastRunFailed), after.ResourceReason);
        Assert.Equal((Flaky.Cores, Flaky.MemoryMb), (after.AllocatedCores, after.AllocatedMemoryMb));
    }

    [Fact]
    public async Task A_resource_policy_set_by_an_operator_takes_effect_at_run_time_and_back()
    {
        await using var cluster = await StartAsync();
        var ops = Operator(cluster);
        Assert.Equal(ResourcePolicyNames.Fixed, (await SleepAsync(cluster)).ResourcePolicy);

        var set = await ops.SetPolicyAsync(null, null, ResourcePolicyNames.Greedy);
        Assert.Equal((null, null, ResourcePolicyNames.Greedy, 1L), (set.Balancing, set.Eviction, set.Resources, set.Version));
        InvocationRecord? greedy = null;
        await Eventually.WaitUntilAsync(
            async () => (greedy = (await SleepAsync(cluster)).EnsureSuccess()).ResourcePolicy == ResourcePolicyNames.Greedy,
            "the invoker allocates with the policy the operator set");
        // The history measured under Fixed is kept: Greedy steps down from its first run.
        Assert.Equal((nameof(ResourceDecisionReason.Stepped), 1.5), (greedy!.ResourceReason, greedy.AllocatedCores));

        await ops.SetPolicyAsync(null, null, ResourcePolicyNames.Fixed);
        InvocationRecord? back = null;
        await Eventually.WaitUntilAsync(
            async () => (back = (await SleepAsync(cluster)).EnsureSuccess()).ResourcePolicy == ResourcePolicyNames.Fixed,
            "the invoker allocates with Fixed again");
        Assert.Equal(2.0, back!.AllocatedCores);
        Assert.Equal(ResourcePolicyNames.Fixed, (await ops.GetPolicyAsync()).Resources);
    }

    [Fact]
    public async Task An_unknown_resource_policy_is_refused_by_the_operator_naming_the_known_ones_and_changes_nothing()
    {
        await using var cluster = await StartAsync();
        var ops = Operator(cluster);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => ops.SetPolicyAsync(null, null, "Ensure"));

        Assert.Contains("Unknown resource policy 'Ensure'", ex.Message);
        Assert.Contains("Fixed, Greedy, Freyr", ex.Message);
        Assert.Equal((null, 0L), ((await ops.GetPolicyAsync()).Resources, (await ops.GetPolicyAsync()).Version));
    }

    [Theory]
    [InlineData("Ensure", null, "Policy 'Ensure' is unknown; use one of Fixed, Greedy, Freyr")]
    [InlineData(ResourcePolicyNames.Freyr, "/no/such/weights.json", "FreyrWeightsPath '/no/such/weights.json' holds no usable Freyr weights")]
    public async Task An_unknown_resource_policy_or_unusable_weights_fail_silo_start_with_a_clear_message(string policy, string? weights, string expected)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.UseHarvest(h => h.UseInMemoryState().ConfigureResources(o => (o.Policy, o.FreyrWeightsPath) = (policy, weights))));
        await using var cluster = builder.Build();

        var ex = await Assert.ThrowsAnyAsync<Exception>(cluster.DeployAsync);

        Assert.Contains(expected, Messages(ex));
        Assert.Contains(ResourcesOptions.SectionName, Messages(ex));
    }

    private static string Messages(Exception ex) =>
        string.Join(" | ", new[] { ex }.Concat(ex is AggregateException a ? a.Flatten().InnerExceptions : []).SelectMany(Chain).Select(e => e.Message));

    private static IEnumerable<Exception> Chain(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            yield return ex;
        }
    }

    /// <summary>Throws when its input says <c>fail</c>, else returns at once.</summary>
    private sealed class FailOnRequestFunction : IHarvestFunction
    {
        public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
        {
            await Task.Delay(5, cancellationToken);
            return input.AsString() == "fail" ? throw new InvalidOperationException("failed on request") : FunctionPayload.Empty;
        }
    }
}
