using HarvestOrleans.Experiments.Resources;
using HarvestOrleans.Experiments.Simulation.Resources;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Tests.Experiments;

/// <summary><c>resources</c>, very short: the resource managers live on the Freyr workload, through the simulator's report.</summary>
[Trait("Category", "Cluster")]
public sealed class LiveResourcesTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("harvest-resources-out-").FullName;

    [Fact]
    public async Task Each_manager_runs_every_planned_invocation_live_and_fixed_neither_harvests_nor_slows_alone_runs()
    {
        var options = new LiveResourcesOptions
        {
            Policies = [ResourcePolicyNames.Fixed, ResourcePolicyNames.Freyr],
            Minutes = 1,
            InvocationsPerMinute = 40,
            Compression = 6,
            WarmupRuns = 1,
            AloneRuns = 1,
            OutputDirectory = _output,
        };
        var planned = LiveResourcesExperiment.Plan(FreyrWorkload.Create(options.Seed, options.Minutes, options.InvocationsPerMinute), options).Count;

        var runs = await LiveResourcesExperiment.RunAsync(options);

        Assert.True(planned > 10, $"{planned} invocations");
        Assert.Equal(options.Policies, runs.Select(r => r.Policy));
        Assert.All(runs, run =>
        {
            Assert.Equal(planned, run.Stats.Invocations); // a record for every invocation sent
            Assert.Equal(planned, run.Stats.Succeeded);
            Assert.Equal(planned, run.Stats.Slowdown.Count); // every one measured against its run alone
        });
        var fixedRun = runs[0].Stats;
        Assert.Equal((0.0, 0.0), (fixedRun.HarvestedPct, fixedRun.AcceleratedPct));
        Assert.InRange(fixedRun.Slowdown.Percentile(50), 0.3, 5); // the configuration against itself alone: around 1

        var files = ResourcesReport.Write(_output, runs, live: true);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 0, f));
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
