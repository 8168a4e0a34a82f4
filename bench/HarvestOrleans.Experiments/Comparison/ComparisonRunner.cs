using System.Diagnostics;
using HarvestOrleans.Experiments.Scenarios;
using HarvestOrleans.Experiments.Traces;
using HarvestOrleans.Experiments.Workloads;
using HarvestOrleans.Policies;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Packaging;
using Spectre.Console;

namespace HarvestOrleans.Experiments.Comparison;

/// <summary>
/// Runs every policy on every scenario with the same workload, one fresh cluster per cell, the FunctionBench suite
/// deployed as a package into a local package folder; then writes the table, CSV, charts and a JSON line.
/// </summary>
public static class ComparisonRunner
{
    private const int BasePort = 12_000;

    /// <summary>How often a cell samples every VM's cores and cores in use for its load chart.</summary>
    internal static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<ComparisonReport> RunAsync(ComparisonOptions options, CancellationToken cancellationToken = default)
    {
        var root = RepoRoot();
        var work = Directory.CreateTempSubdirectory("harvest-comparison-").FullName;
        try
        {
            var workload = Workload.Load(options, root);
            var archive = await BuildPackageAsync(root, work, workload.Map, cancellationToken);
            var scenarios = options.Scenarios
                .Select(name => ClusterScenario.Create(name, options.HarvestTraces ?? Path.Combine(root, "samples", "traces", "harvest"), options.Vms, options.CoreScale, options.HarvestTimeScale, work))
                .ToList();

            // All VMs share this process's thread pool, and functions are CPU-bound: without enough threads for every
            // core the VMs admit, Orleans' own messaging waits behind them (the pool adds threads slowly). One process
            // per VM would not need this.
            var admitted = scenarios.Max(s => s.Vms.Sum(v => v.Cores)) * 2;
            ThreadPool.GetMinThreads(out var workers, out var io);
            ThreadPool.SetMinThreads(Math.Max(workers, (int)admitted + 16), io);

            var cells = new List<CellResult>();
            var run = async (Action<string, string, double>? progress) =>
            {
                var index = 0;
                foreach (var scenario in scenarios)
                {
                    foreach (var policy in options.Policies)
                    {
                        cells.Add(await RunCellAsync(options, scenario, policy, workload, archive, Path.Combine(work, $"store-{index}"), BasePort + (index * 20),
                            fraction => progress?.Invoke(scenario.Name, policy, fraction), cancellationToken));
                        index++;
                    }
                }
            };

            if (options.Quiet)
            {
                await run(null);
            }
            else
            {
                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var tasks = scenarios.SelectMany(s => options.Policies.Select(p => (s.Name, p)))
                            .ToDictionary(k => k, k => context.AddTask($"{k.Name,-9} {k.p}", autoStart: false, maxValue: 1));
                        await run((scenario, policy, fraction) =>
                        {
                            var task = tasks[(scenario, policy)];
                            task.StartTask();
                            task.Value = fraction;
                        });
                    });
            }

            var description = workload.Description
                + (options.Mode == PolicyMode.Paper ? ", Paper mode" : "")
                + (options.ResourcePolicy == ResourcePolicyNames.Fixed ? "" : $", resource manager {options.ResourcePolicy}");
            return ComparisonReport.Write(options, description, cells);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<CellResult> RunCellAsync(
        ComparisonOptions options, ClusterScenario scenario, string policy, Workload workload, byte[] archive, string packageFolder, int port,
        Action<double> progress, CancellationToken cancellationToken)
    {
        await using var cluster = await ExperimentCluster.StartAsync(scenario, policy, options.Mode, options.ResourcePolicy, packageFolder, port, options.Verbose ? Microsoft.Extensions.Logging.LogLevel.Warning : Microsoft.Extensions.Logging.LogLevel.Critical, cancellationToken);
        var deployed = await cluster.Operator.DeployAsync(archive);
        if (!deployed.Accepted)
        {
            throw new InvalidOperationException($"The FunctionBench package was refused: {deployed.Error}");
        }

        var samples = new List<VmSample>();
        using var sampling = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var sampler = SampleAsync(cluster, clock, samples, sampling.Token);
        var eviction = options.Evictions ? EvictOneAsync(cluster, scenario, workload.ExpectedSeconds * 0.4, cancellationToken) : Task.CompletedTask;

        var invocations = await workload.RunAsync(cluster.Client, progress, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        await eviction;
        progress(1);
        return new CellResult(scenario.Name, policy, seconds, invocations, samples);
    }

    private static async Task SampleAsync(ExperimentCluster cluster, Stopwatch clock, List<VmSample> samples, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(SampleInterval);
        do
        {
            try
            {
                var snapshot = await cluster.Operator.GetClusterAsync();
                samples.AddRange(snapshot.Vms.Select(v => new VmSample(clock.Elapsed.TotalSeconds, v.VmId, v.Cores, v.Load.CoresInUse)));
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                // A sample missed while a VM leaves is a gap in a chart, not a failure of the run.
            }
        }
        while (await timer.WaitForNextTickAsync(stop).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    private static async Task EvictOneAsync(ExperimentCluster cluster, ClusterScenario scenario, double afterSeconds, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(afterSeconds), cancellationToken);
        await cluster.Operator.EvictVmAsync(scenario.Vms[^1].VmId, TimeSpan.FromSeconds(3), "comparison: eviction with notice");
    }

    /// <summary>The suite published once, packaged with one function per traced function (each running a suite function's code).</summary>
    private static async Task<byte[]> BuildPackageAsync(string root, string work, TraceFunctionMap? map, CancellationToken cancellationToken)
    {
        var project = Path.Combine(root, "samples", "HarvestOrleans.FunctionBench");
        var published = Path.Combine(work, "publish");
        await PackageBuilder.PublishAsync(Path.Combine(project, "HarvestOrleans.FunctionBench.csproj"), published, cancellationToken);
        var manifest = PackageManifest.Parse(await File.ReadAllBytesAsync(Path.Combine(project, PackageManifest.FileName), cancellationToken));
        if (map is not null)
        {
            var byName = manifest.Functions.ToDictionary(f => f.Name);
            manifest.Functions.AddRange(map.Functions.Select(f =>
            {
                var code = byName[f.Code];
                return new PackageManifestFunction
                {
                    Name = f.Name,
                    Assembly = code.Assembly,
                    EntryType = code.EntryType,
                    Cores = code.Cores,
                    MemoryMb = code.MemoryMb,
                    TimeoutSeconds = code.TimeoutSeconds,
                    MaxConcurrency = code.MaxConcurrency,
                    Idempotent = code.Idempotent,
                };
            }));
        }

        var manifestPath = Path.Combine(work, PackageManifest.FileName);
        await File.WriteAllBytesAsync(manifestPath, manifest.ToUtf8(), cancellationToken);
        return PackageBuilder.Zip(published, manifestPath);
    }

    public static string RepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "HarvestOrleans.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Run the comparison from inside the HarvestOrleans repository (HarvestOrleans.sln not found).");
    }
}
