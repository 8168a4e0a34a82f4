using System.Diagnostics;
using System.Text.Json;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Packaging;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Bench;

/// <summary>
/// Cold start versus warm invoke of a package function kept in Azure Blob Storage (a real Azurite). The package is the
/// FunctionBench suite (about 1 MB zipped). Each run deploys a new version (a different digest), so its first invocation
/// is a true cold start: fetch from Azurite, verify the SHA-256, extract, load into a fresh load context, create,
/// initialise, run. The second invocation of the same version is warm.
/// </summary>
internal static class ColdStartBenchmark
{
    private const string Function = "float_operation";

    public static async Task<int> RunAsync(int runs)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        await using var cluster = await BenchCluster.StartAsync(1, cores: 4, harvest => harvest.UseBlobPackageStore(azurite.ConnectionString, "bench-packages"));
        var project = Path.Combine(RepoPaths.Root, "samples", "HarvestOrleans.FunctionBench");
        var published = Directory.CreateTempSubdirectory("harvest-bench-publish-").FullName;
        await PackageBuilder.PublishAsync(Path.Combine(project, "HarvestOrleans.FunctionBench.csproj"), published);
        var manifest = PackageManifest.Parse(File.ReadAllBytes(Path.Combine(project, PackageManifest.FileName)));

        var cold = new List<InvocationRecord>();
        var warm = new List<InvocationRecord>();
        var deployMs = new List<double>();
        long packageBytes = 0;
        var input = new { n = 1_000 }; // a tiny run: the platform's cost dominates
        for (var run = 0; run <= runs; run++)
        {
            // A new version each run: same code, a manifest that differs in one timeout, so a different digest.
            manifest.Functions.Single(f => f.Name == Function).TimeoutSeconds = 60 + run;
            var manifestPath = Path.Combine(published, "..", $"harvest-bench-{run}.json");
            await File.WriteAllBytesAsync(manifestPath, manifest.ToUtf8());
            var archive = PackageBuilder.Zip(published, manifestPath);
            packageBytes = archive.Length;

            var deployStarted = Stopwatch.GetTimestamp();
            var deployed = await cluster.Operator.DeployAsync(archive);
            var deployElapsed = Stopwatch.GetElapsedTime(deployStarted).TotalMilliseconds;
            if (!deployed.Accepted)
            {
                throw new InvalidOperationException(deployed.Error);
            }

            var first = (await cluster.Harvest.InvokeJsonAsync(Function, input, deployed.Version!.Version)).EnsureSuccess();
            var second = (await cluster.Harvest.InvokeJsonAsync(Function, input, deployed.Version.Version)).EnsureSuccess();
            if (!first.ColdStart || second.ColdStart)
            {
                throw new InvalidOperationException($"Run {run}: expected cold then warm, got {first.ColdStart} then {second.ColdStart}.");
            }

            if (run == 0)
            {
                continue; // warm-up: JIT of the whole path
            }

            cold.Add(first);
            warm.Add(second);
            deployMs.Add(deployElapsed);
        }

        var coldLatency = cold.Select(r => r.LatencyMs).ToList();
        var warmLatency = warm.Select(r => r.LatencyMs).ToList();
        var init = cold.Select(r => r.InitMs).ToList();
        Console.WriteLine($"Cold start vs warm invoke: package '{manifest.Package}' ({packageBytes / 1024.0:0} KiB zipped), function {Function}, {runs} runs, Azurite blob store");
        Console.WriteLine($"{"",-34} {"p50 ms",9} {"p99 ms",9}");
        Console.WriteLine($"{"cold: end to end",-34} {P(coldLatency, 50),9:0.0} {P(coldLatency, 99),9:0.0}");
        Console.WriteLine($"{"cold: init (fetch+verify+load)",-34} {P(init, 50),9:0.0} {P(init, 99),9:0.0}");
        Console.WriteLine($"{"warm: end to end",-34} {P(warmLatency, 50),9:0.0} {P(warmLatency, 99),9:0.0}");
        Console.WriteLine($"{"deploy (validate + upload + push)",-34} {P(deployMs, 50),9:0.0} {P(deployMs, 99),9:0.0}");
        Console.WriteLine($"cold/warm at p50: {P(coldLatency, 50) / P(warmLatency, 50):0.0}x");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "coldstart",
            package = manifest.Package,
            packageBytes,
            runs,
            coldP50Ms = Math.Round(P(coldLatency, 50), 2),
            coldP99Ms = Math.Round(P(coldLatency, 99), 2),
            initP50Ms = Math.Round(P(init, 50), 2),
            initP99Ms = Math.Round(P(init, 99), 2),
            warmP50Ms = Math.Round(P(warmLatency, 50), 2),
            warmP99Ms = Math.Round(P(warmLatency, 99), 2),
            deployP50Ms = Math.Round(P(deployMs, 50), 2),
            coldOverWarmP50 = Math.Round(P(coldLatency, 50) / P(warmLatency, 50), 1),
        }));
        Directory.Delete(published, recursive: true);
        return 0;
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double P(List<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
