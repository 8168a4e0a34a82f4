using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Invocations;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.UnitTests.Invocation;

/// <summary>The invoker's resource manager on its own: which policy decides, and which runs feed the history.</summary>
[Trait("Category", "Unit")]
public sealed class ResourceManagerTests
{
    private const string Key = "f@1";
    private static readonly ResourceAllocation TwoCores = new(2, 256);
    private static readonly VmResources Vm = new(4, 4, 8192, 8192);

    private static ResourceManager Manager(string policy = ResourcePolicyNames.Fixed, string? weights = null) =>
        new(Options.Create(new ResourcesOptions { Policy = policy, FreyrWeightsPath = weights }), new ResourcePolicies());

    private static InvocationRecord Ran(InvocationStatus status, double averageCores = 0.01) =>
        new() { Id = Guid.NewGuid(), Function = "f", Status = status, AverageCores = averageCores };

    [Fact]
    public void The_configured_policy_decides_until_the_cluster_chooses_another_and_null_returns_to_it()
    {
        var manager = Manager(ResourcePolicyNames.Greedy);
        Assert.Equal(ResourcePolicyNames.Greedy, manager.Decide(Key, TwoCores, Vm).Policy);

        manager.Apply(ResourcePolicyNames.Freyr);
        Assert.Equal(ResourcePolicyNames.Freyr, manager.Decide(Key, TwoCores, Vm).Policy);

        manager.Apply(null);
        Assert.Equal(ResourcePolicyNames.Greedy, manager.Policy.Name);
        Assert.Throws<UnknownPolicyException>(() => manager.Apply("Ensure"));
        Assert.Equal(ResourcePolicyNames.Greedy, manager.Policy.Name);
    }

    [Theory]
    [InlineData(InvocationStatus.Succeeded, 1L, false)]
    [InlineData(InvocationStatus.Failed, 1L, true)]
    [InlineData(InvocationStatus.TimedOut, 1L, true)]
    [InlineData(InvocationStatus.Evicted, 0L, false)]
    [InlineData(InvocationStatus.Rejected, 0L, false)]
    public void Runs_that_say_something_of_the_function_feed_its_history_failures_as_failed(InvocationStatus status, long recorded, bool failed)
    {
        var manager = Manager();
        var grant = manager.Decide(Key, TwoCores, Vm);

        manager.Record(Key, grant, Ran(status), measured: true);

        var history = manager.HistoryOfFunction(Key);
        Assert.Equal((recorded, failed), (history.Invocations, history.LastFailed));
    }

    [Fact]
    public void Measured_runs_build_the_speedup_profile_freyr_stops_accelerating_by()
    {
        var manager = Manager();
        var grant = manager.Decide(Key, TwoCores, Vm);

        manager.Record(Key, grant, Ran(InvocationStatus.Succeeded, averageCores: 0.8), measured: true);
        manager.Record(Key, grant, Ran(InvocationStatus.Succeeded, averageCores: 1.2), measured: true);

        Assert.Equal([new SpeedupPoint(2, 1.0, 2)], manager.HistoryOfFunction(Key).Speedup);
    }

    [Fact]
    public void A_run_measured_on_no_clock_leaves_the_peak_unmeasured_and_greedy_at_the_configuration()
    {
        var manager = Manager(ResourcePolicyNames.Greedy);
        manager.Record(Key, manager.Decide(Key, TwoCores, Vm), Ran(InvocationStatus.Succeeded, averageCores: 0), measured: false);

        Assert.Null(manager.HistoryOfFunction(Key).LastPeak.Cores);
        Assert.Equal(TwoCores, manager.Decide(Key, TwoCores, Vm).Decision.Allocation);
    }

    [Fact]
    public void Freyr_decides_with_the_weights_file_when_one_is_given_and_with_the_shipped_weights_otherwise()
    {
        var path = Path.Combine(Path.GetTempPath(), $"freyr-{Guid.NewGuid():N}.json");
        FreyrFeatures.NewNetwork(new Random(3)).Save(path);
        try
        {
            var given = Assert.IsType<FreyrResourcePolicy>(Manager(ResourcePolicyNames.Freyr, path).Policy);
            var shipped = Assert.IsType<FreyrResourcePolicy>(Manager(ResourcePolicyNames.Freyr).Policy);
            Assert.True(given.HasWeights && shipped.HasWeights);
            Assert.NotSame(given, shipped);
            Assert.Same(shipped, new ResourcePolicies().Get(ResourcePolicyNames.Freyr));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
