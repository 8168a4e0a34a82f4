using System.Text.Json;
using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Invocations;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Tests.Experiments;

/// <summary>The README's main job, very short: every policy on a cluster scenario, end to end, with its outputs.</summary>
[Trait("Category", "Cluster")]
public sealed class ComparisonTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("harvest-comparison-out-").FullName;

    [Fact]
    public async Task A_very_short_comparison_runs_every_policy_on_the_same_trace_and_writes_its_table_csv_charts_and_json()
    {
        var report = await ComparisonRunner.RunAsync(new ComparisonOptions
        {
            Scenarios = ["active"],
            Vms = 2,
            Minutes = 1,
            Compression = 20,
            OutputDirectory = _output,
            Quiet = true,
        });

        Assert.Equal([BalancingPolicyNames.OpenWhiskHash, BalancingPolicyNames.JoinShortestQueue, BalancingPolicyNames.MinWorkerSet], report.Cells.Select(c => c.Policy));
        var planned = report.Cells[0].Count;
        Assert.True(planned > 5, $"{planned} invocations");
        Assert.All(report.Cells, cell =>
        {
            Assert.Equal(planned, cell.Count); // the same workload for every policy, and a record for every invocation
            Assert.All(cell.Invocations, i => Assert.Equal(InvocationStatus.Succeeded, i.Record.Status));
            Assert.True(cell.ColdStartPct > 0);
            Assert.NotEmpty(cell.Samples);
        });

        Assert.True(new FileInfo(Path.Combine(_output, "comparison.csv")).Length > 0);
        Assert.Equal(planned * 3 + 1, File.ReadAllLines(Path.Combine(_output, "invocations.csv")).Length);
        Assert.True(new FileInfo(Path.Combine(_output, "latency-cdf-active.png")).Length > 1000);
        Assert.True(new FileInfo(Path.Combine(_output, "load-active-MinWorkerSet.png")).Length > 1000);
        using var json = JsonDocument.Parse(report.Json);
        Assert.Equal(planned, json.RootElement.GetProperty("active").GetProperty("MinWorkerSet").GetProperty("invocations").GetInt32());
    }

    [Fact]
    public async Task The_closed_loop_workload_runs_users_with_think_time()
    {
        var report = await ComparisonRunner.RunAsync(new ComparisonOptions
        {
            Scenarios = ["dedicated"],
            Policies = [BalancingPolicyNames.MinWorkerSet],
            Workload = WorkloadKind.Closed,
            Users = 4,
            ThinkTime = TimeSpan.FromMilliseconds(200),
            Duration = TimeSpan.FromSeconds(3),
            Vms = 2,
            OutputDirectory = _output,
            Quiet = true,
        });

        var cell = Assert.Single(report.Cells);
        Assert.True(cell.Count >= 8, $"{cell.Count} invocations");
        Assert.Equal(cell.Count, cell.Succeeded);
        Assert.Subset(HarvestOrleans.FunctionBench.FunctionBenchSuite.PaperMix.Keys.ToHashSet(), cell.Invocations.Select(i => i.Record.Function).ToHashSet());

        // Measured CPU per function, in the cell, the JSON line and every row of invocations.csv.
        Assert.All(cell.CpuByFunction, f => Assert.True(f.Value.TotalCpuSeconds > 0 && f.Value.MeanAverageCores > 0, $"{f.Key}: {f.Value}"));
        using var json = JsonDocument.Parse(report.Json);
        var measured = json.RootElement.GetProperty("dedicated").GetProperty(BalancingPolicyNames.MinWorkerSet).GetProperty("measuredCpu");
        Assert.Equal(cell.CpuByFunction.Keys.Order(StringComparer.Ordinal), measured.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var lines = File.ReadAllLines(Path.Combine(_output, "invocations.csv"));
        var header = lines[0].Split(',');
        var cpu = Array.IndexOf(header, "cpu_s");
        Assert.True(cpu >= 0 && header.Contains("average_cores") && header.Contains("allocated_bytes"), lines[0]);
        Assert.All(lines.Skip(1), line => Assert.True(double.Parse(line.Split(',')[cpu], System.Globalization.CultureInfo.InvariantCulture) > 0, line));
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
