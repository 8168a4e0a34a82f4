using HarvestOrleans.Experiments.Simulation;
using HarvestOrleans.Simulation;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Simulation.Output;
using HarvestOrleans.Simulation.Workloads;

namespace HarvestOrleans.UnitTests.Simulation;

[Trait("Category", "Unit")]
public sealed class SimulatorTests
{
    private static SimFunctionSpec Function(string name, double ms, double coldMs = 200, double cores = 1, bool idempotent = true) =>
        new(name, PercentileDistribution.Constant(ms), coldMs, cores, cores, 256) { Idempotent = idempotent };

    private static IReadOnlyList<SimVmSpec> Vms(int count, double cores) => SimClusters.Regular(count, cores, PriceList.Default);

    private static (SimulationResult Result, List<SimRecord> Records) Run(
        IReadOnlyList<SimVmSpec> vms, IReadOnlyList<SimFunctionSpec> functions, ISimWorkload workload, double seconds, string policy = BalancingPolicyNames.MinWorkerSet, int seed = 1, Func<SimulationOptions, SimulationOptions>? tune = null)
    {
        var records = new List<SimRecord>();
        var options = LiveDefaults.For(policy, seed: seed) with { VmSampleInterval = TimeSpan.FromMilliseconds(100) };
        var result = new Simulator(tune?.Invoke(options) ?? options, vms, functions, workload, records.Add).Run(TimeSpan.FromSeconds(seconds));
        return (result, records);
    }

    private static Arrival[] Every(double intervalSeconds, double seconds, int functions = 1) =>
        [.. Enumerable.Range(0, (int)(seconds / intervalSeconds)).Select(i => new Arrival(i * intervalSeconds, i % functions))];

    [Fact]
    public void A_run_is_deterministic_for_its_seed()
    {
        var functions = FunctionBenchCosts.LoadEmbedded();
        var weights = functions.Select(_ => 1.0).ToArray();
        ISimWorkload Users() => new ClosedLoopWorkload(60, 1, weights);
        var a = Run(Vms(4, 4), functions, Users(), 120, BalancingPolicyNames.JoinShortestQueue, seed: 7);
        var b = Run(Vms(4, 4), functions, Users(), 120, BalancingPolicyNames.JoinShortestQueue, seed: 7);
        var c = Run(Vms(4, 4), functions, Users(), 120, BalancingPolicyNames.JoinShortestQueue, seed: 8);
        Assert.True(a.Records.Count > 1000);
        Assert.Equal(a.Records, b.Records);
        Assert.NotEqual(a.Records, c.Records);
    }

    [Fact]
    public void Every_invocation_ends_with_exactly_one_record_through_evictions_with_and_without_notice()
    {
        var vms = Vms(4, 4).Select((v, i) => i switch
        {
            0 => v with { NoticeAtSeconds = 20 },
            1 => v with { LostAtSeconds = 30 },
            _ => v,
        }).ToArray();
        var functions = new[] { Function("short", 50), Function("long", 40_000), Function("once", 5_000, idempotent: false) };
        // Within the cores left after both losses (8): short ones at 20/s, a 40 s one every 10 s, a 5 s one every 5 s.
        Arrival[] arrivals = [.. Every(0.05, 60), .. Every(10, 60).Select(a => a with { Function = 1 }), .. Every(5, 60).Select(a => a with { Function = 2 })];
        arrivals = [.. arrivals.OrderBy(a => a.AtSeconds)];
        var (result, records) = Run(vms, functions, new OpenLoopWorkload(arrivals), 60);
        Assert.Equal(arrivals.Length, records.Count);
        Assert.Equal(arrivals.Length, records.Select(r => r.Id).Distinct().Count());
        Assert.Equal(arrivals.Length, result.Stats.Invocations);

        // Short invocations finish within the notice or are retried elsewhere; nothing runs on a VM after it is gone.
        Assert.All(records.Where(r => r.Function == "short"), r => Assert.True(r.IsSuccess, $"{r.Status}/{r.Error}"));
        Assert.DoesNotContain(records, r => r.VmId is "reg-0" or "reg-1" && r.IsSuccess && r.SentAtSeconds > 31);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_invocation_cut_off_by_a_loss_runs_again_elsewhere_only_if_it_is_idempotent(bool idempotent)
    {
        // JSQ places the first invocation on the first VM (ties go to the lowest index), which is lost while it runs.
        var vms = Vms(2, 4).Select((v, i) => i == 0 ? v with { LostAtSeconds = 2 } : v).ToArray();
        var (_, records) = Run(vms, [Function("job", 5_000, idempotent: idempotent)], new OpenLoopWorkload([new Arrival(0, 0)]), 30, BalancingPolicyNames.JoinShortestQueue);
        var record = Assert.Single(records);
        if (idempotent)
        {
            Assert.True(record.IsSuccess);
            Assert.Equal(2, record.Attempts);
            Assert.Equal("reg-1", record.VmId);
        }
        else
        {
            Assert.Equal(SimStatus.Evicted, record.Status);
            Assert.Equal(ErrorTypes.WorkerLost, record.Error);
            Assert.Equal(1, record.Attempts);
        }
    }

    [Fact]
    public void Admission_never_holds_more_cores_than_a_vm_has()
    {
        var (result, records) = Run(Vms(2, 2), [Function("f", 300, cores: 1)], new OpenLoopWorkload(Every(0.02, 20)), 20);
        Assert.NotEmpty(result.Samples);
        Assert.All(result.Samples, s => Assert.True(s.CoresInUse <= s.Cores, $"{s.VmId} at {s.AtSeconds}: {s.CoresInUse} > {s.Cores}"));
        Assert.Contains(records, r => r.QueueMs > 0); // 50 rps of 0.3 s on 4 cores: work waits its turn
    }

    [Fact]
    public void A_warm_instance_serves_every_invocation_after_the_first_within_its_keep_alive()
    {
        var (_, records) = Run(Vms(1, 4), [Function("f", 20)], new OpenLoopWorkload(Every(1, 60)), 60);
        Assert.Single(records, r => r.ColdStart);
        Assert.True(records[0].ColdStart);
        Assert.Equal(200, records[0].InitMs, precision: 0);
    }

    [Fact]
    public void Work_past_the_longest_queue_wait_is_turned_away_with_a_typed_error()
    {
        var arrivals = Every(0.01, 2);
        var (_, records) = Run(Vms(1, 1), [Function("slow", 10_000)], new OpenLoopWorkload(arrivals), 2);
        Assert.Equal(arrivals.Length, records.Count);
        Assert.Contains(records, r => r.Status == SimStatus.Rejected && r.Error == ErrorTypes.QueueWaitExceeded);
        Assert.All(records.Where(r => !r.IsSuccess), r => Assert.Contains(r.Error, new[] { ErrorTypes.QueueWaitExceeded, ErrorTypes.QueueFull }));
    }

    [Fact]
    public void Min_worker_set_keeps_functions_on_fewer_vms_than_join_the_shortest_queue()
    {
        var functions = Enumerable.Range(0, 8).Select(i => Function($"f{i}", 100)).ToArray();
        var arrivals = Every(0.05, 120, functions.Length);
        var mws = Run(Vms(8, 8), functions, new OpenLoopWorkload(arrivals), 120, BalancingPolicyNames.MinWorkerSet).Result.Stats;
        var jsq = Run(Vms(8, 8), functions, new OpenLoopWorkload(arrivals), 120, BalancingPolicyNames.JoinShortestQueue).Result.Stats;
        Assert.True(mws.MeanVmsPerFunction < jsq.MeanVmsPerFunction, $"MWS {mws.MeanVmsPerFunction} vs JSQ {jsq.MeanVmsPerFunction}");
        Assert.True(mws.ColdStarts < jsq.ColdStarts, $"MWS {mws.ColdStarts} vs JSQ {jsq.ColdStarts}");
    }

    [Fact]
    public void Cost_is_each_vms_cores_over_its_life_at_its_price()
    {
        var vms = new[]
        {
            new SimVmSpec("r", VmKind.Regular, 4096, [new CoreStep(0, 4)], 0.05),
            new SimVmSpec("h", VmKind.Harvest, 4096, [new CoreStep(0, 2), new CoreStep(1800, 6)], 0.01) { NoticeAtSeconds = 3000, NoticeSeconds = 600 },
        };
        var (result, _) = Run(vms, [Function("f", 10)], new OpenLoopWorkload([]), 7200);
        Assert.Equal(8, result.Cost.CoreHours[VmKind.Regular], precision: 6);          // 4 cores × 2 h
        Assert.Equal(1 + 3, result.Cost.CoreHours[VmKind.Harvest], precision: 6);      // 2 × 0.5 h + 6 × 0.5 h, gone at 1 h
        Assert.Equal((8 * 0.05) + (4 * 0.01), result.Cost.TotalDollars, precision: 6);
    }
}
