using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using HarvestOrleans.Functions;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Packages;
using HarvestOrleans.Packaging;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Tests.Infrastructure;
using Spectre.Console;

namespace HarvestOrleans.Bench;

/// <summary>
/// What each FunctionBench function costs on the live runtime, for the simulator: one in-process silo with the embedded
/// defaults, the suite deployed as a package into a local package store (as the comparison deploys it), every function
/// invoked with its default input. Cold starts: each round deploys a new version of the package (the same code plus a
/// marker file, so a new digest), and the first invocation of every function at that version loads it afresh (fetch,
/// verify, extract, load into its own context, create, initialise); the first round is a warm-up of the loading path,
/// not counted. Warm: then every function is invoked at the last version, one invocation at a time, interleaved.
/// Writes <see cref="FunctionBenchCostsFile"/>.
/// </summary>
internal static class FunctionCostsBenchmark
{
    /// <summary>The checked-in measurement the simulator embeds.</summary>
    public static string DefaultOutput => Path.Combine(RepoPaths.Root, "bench", "HarvestOrleans.Simulation", "Data", FunctionBenchCosts.FILE_NAME);

    private const string MarkerFile = "measure-functions-round.txt";

    public static async Task<int> RunAsync(int warmInvocations, int coldStarts, string output, CancellationToken cancellationToken)
    {
        var commit = await CommitAsync(cancellationToken);
        var project = Path.Combine(RepoPaths.Root, "samples", "HarvestOrleans.FunctionBench");
        var manifestPath = Path.Combine(project, PackageManifest.FileName);
        var manifest = PackageManifest.Parse(await File.ReadAllBytesAsync(manifestPath, cancellationToken));
        var functions = manifest.Functions;
        // Big enough for the largest declaration, so none ever waits for admission; one invocation runs at a time anyway.
        var vmCores = Math.Max(Environment.ProcessorCount, Math.Ceiling(functions.Max(f => f.Cores)));
        var work = Directory.CreateTempSubdirectory("harvest-measure-functions-").FullName;
        var cold = functions.ToDictionary(f => f.Name, _ => new List<InvocationRecord>());
        var warm = functions.ToDictionary(f => f.Name, _ => new List<InvocationRecord>());
        var started = Stopwatch.StartNew();
        try
        {
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var publishing = progress.AddTask("publish the suite", maxValue: 1);
                    var coldTask = progress.AddTask($"cold starts ({coldStarts} + 1 warm-up per function)", autoStart: false, maxValue: (coldStarts + 1) * functions.Count);
                    var warmTask = progress.AddTask($"warm invocations ({warmInvocations} per function)", autoStart: false, maxValue: warmInvocations * functions.Count);

                    var published = Path.Combine(work, "publish");
                    await PackageBuilder.PublishAsync(Path.Combine(project, "HarvestOrleans.FunctionBench.csproj"), published, cancellationToken);
                    publishing.Value = 1;

                    await using var cluster = await BenchCluster.StartAsync(1, vmCores, harvest => harvest.UseLocalPackageStore(Path.Combine(work, "store")));
                    coldTask.StartTask();
                    string? version = null;
                    for (var round = 0; round <= coldStarts; round++)
                    {
                        version = await DeployNewVersionAsync(cluster, published, manifestPath, round);
                        foreach (var function in functions)
                        {
                            var record = await InvokeAsync(cluster, function.Name, version, cancellationToken);
                            if (!record.ColdStart)
                            {
                                throw new InvalidOperationException($"{function.Name} v{version}: the first invocation of a new version was not a cold start.");
                            }

                            if (round > 0)
                            {
                                cold[function.Name].Add(record); // round 0 warms up the loading path (JIT), as a running VM's is
                            }

                            coldTask.Increment(1);
                        }
                    }

                    warmTask.StartTask();
                    // Interleaved, so that a slower moment of the shared machine falls on every function alike.
                    for (var i = 0; i < warmInvocations; i++)
                    {
                        foreach (var function in functions)
                        {
                            var record = await InvokeAsync(cluster, function.Name, version, cancellationToken);
                            if (record.ColdStart)
                            {
                                throw new InvalidOperationException($"{function.Name} v{version}: a warm invocation was a cold start (was its instance unloaded?).");
                            }

                            warm[function.Name].Add(record);
                            warmTask.Increment(1);
                        }
                    }
                });
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        var file = new FunctionBenchCostsFile
        {
            Format = FunctionBenchCostsFile.CURRENT_FORMAT,
            MeasuredAt = DateTimeOffset.UtcNow,
            Machine = new MeasurementMachine(Environment.ProcessorCount, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription),
            Commit = commit,
            VmCores = vmCores,
            WarmInvocations = warmInvocations,
            ColdStarts = coldStarts,
            Functions = [.. functions.Select(f => Costs(f, cold[f.Name], warm[f.Name]))],
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await using (var stream = File.Create(output))
        {
            FunctionBenchCosts.Write(stream, file);
        }

        Print(file, output, started.Elapsed);
        return 0;
    }

    /// <summary>The suite as a new version: the same files plus a marker naming the round, so the digest differs.</summary>
    private static async Task<string> DeployNewVersionAsync(BenchCluster cluster, string published, string manifestPath, int round)
    {
        await File.WriteAllTextAsync(Path.Combine(published, MarkerFile), $"measure-functions round {round} {Guid.NewGuid():N}\n");
        var deployed = await cluster.Operator.DeployAsync(PackageBuilder.Zip(published, manifestPath));
        if (!deployed.Accepted || deployed.Unchanged || deployed.Version is null)
        {
            throw new InvalidOperationException($"Round {round}: the FunctionBench package was not deployed as a new version: {deployed.Error ?? "unchanged"}.");
        }

        return deployed.Version.Version;
    }

    /// <summary>One invocation with the function's default input (an empty payload), pinned to <paramref name="version"/>.</summary>
    private static async Task<InvocationRecord> InvokeAsync(BenchCluster cluster, string function, string? version, CancellationToken cancellationToken) =>
        (await cluster.Harvest.InvokeAsync(function, FunctionPayload.Empty, version, cancellationToken)).EnsureSuccess();

    private static MeasuredFunctionCosts Costs(PackageManifestFunction function, IReadOnlyList<InvocationRecord> cold, IReadOnlyList<InvocationRecord> warm) => new()
    {
        Name = function.Name,
        DeclaredCores = function.Cores,
        MemoryMb = function.MemoryMb,
        UsedCores = Math.Round(Median(warm.Select(r => r.AverageCores)), 3),
        ColdStartMs = Math.Round(Median(cold.Select(r => r.InitMs)), 3),
        ExecutionMs = ExecutionPercentiles.Of(warm.Select(r => Math.Round(r.ExecutionMs, 3))),
        TimeoutMs = function.TimeoutSeconds * 1000,
        Idempotent = function.Idempotent,
        LongRunning = function.LongRunning,
        MaxConcurrency = function.MaxConcurrency,
    };

    /// <summary>The nearest-rank median (of an even count, the lower middle: a value that was measured).</summary>
    private static double Median(IEnumerable<double> values) => ExecutionPercentiles.Of(values).P50;

    /// <summary><c>git describe --always --dirty</c> of the repository, or null where git or the repository is not there.</summary>
    private static async Task<string?> CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                ArgumentList = { "-C", RepoPaths.Root, "describe", "--always", "--dirty", "--abbrev=12" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var stdout = await git.StandardOutput.ReadToEndAsync(cancellationToken);
            await git.WaitForExitAsync(cancellationToken);
            return git.ExitCode == 0 && stdout.Trim() is { Length: > 0 } described ? described : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no git on this machine: the file says so by leaving the commit out
        }
    }

    private static void Print(FunctionBenchCostsFile file, string output, TimeSpan elapsed)
    {
        var table = new Table().Title(Markup.Escape(
            $"FunctionBench on the live runtime: {file.WarmInvocations} warm invocations and {file.ColdStarts} cold starts per function, one VM of {file.VmCores} cores (machine: {file.Machine.Processors} processors)"));
        var percentiles = ExecutionPercentiles.Percentiles.Select(p => $"p{p} ms");
        foreach (var column in new[] { "function", "cores", "MB", "used cores", "cold ms" }.Concat(percentiles))
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var f in file.Functions)
        {
            table.AddRow([f.Name, F(f.DeclaredCores, "0.##"), F(f.MemoryMb, "0"), F(f.UsedCores, "0.00"), F(f.ColdStartMs), .. f.ExecutionMs.Values.Select(v => F(v))]);
        }

        if (Console.IsOutputRedirected)
        {
            // Spectre assumes 80 columns when it cannot ask a terminal; twelve columns wrap into an unreadable log there.
            AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 140);
        }

        AnsiConsole.Write(table);
        Console.WriteLine($"Cores and MB: declared. Execution: the record's execution ms of warm invocations. Cold start: median init ms (fetch, verify, extract, load, create, initialise). Used cores: median CPU time / execution time. Wrote {output} in {elapsed.TotalSeconds:0} s.");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "measure-functions",
            output,
            commit = file.Commit,
            machineProcessors = file.Machine.Processors,
            vmCores = file.VmCores,
            warmInvocations = file.WarmInvocations,
            coldStarts = file.ColdStarts,
            seconds = Math.Round(elapsed.TotalSeconds, 1),
            functions = file.Functions.Select(f => new
            {
                name = f.Name,
                declaredCores = f.DeclaredCores,
                memoryMb = f.MemoryMb,
                usedCores = f.UsedCores,
                coldStartMs = f.ColdStartMs,
                executionMs = ExecutionPercentiles.Percentiles.Zip(f.ExecutionMs.Values).ToDictionary(p => $"p{p.First}", p => p.Second),
            }),
        }));
    }

    private static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
