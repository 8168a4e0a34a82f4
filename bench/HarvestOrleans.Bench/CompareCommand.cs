using System.Globalization;
using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Experiments.Traces;
using HarvestOrleans.Experiments.Workloads;

namespace HarvestOrleans.Bench;

/// <summary>
/// <c>compare</c>: the policy comparison (the README's main job). Defaults: the short run on the bundled sample
/// traces. Options:
///   --workload closed|azure2019|azure2021   --trace PATH (2019: folder; 2021: file)   --minutes N --start-minute N
///   --compression X   --mapping suite|synthetic   --users N --think SECONDS --duration SECONDS   --mix name=w,...
///   --scenarios dedicated,normal,active   --policies OpenWhiskHash,JoinShortestQueue,MinWorkerSet   --vms N
///   --core-scale X   --harvest-traces DIR   --harvest-time-scale X   --evictions   --out DIR   --verbose
/// <c>generate-traces</c> rewrites the bundled sample traces.
/// </summary>
internal static class CompareCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        ComparisonOptions options;
        try
        {
            options = Parse(args);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            Console.Error.WriteLine($"compare: {ex.Message}");
            return 2;
        }

        try
        {
            await ComparisonRunner.RunAsync(options);
            return 0;
        }
        catch (TraceFormatException ex)
        {
            Console.Error.WriteLine($"compare: malformed trace: {ex.Message}");
            return 1;
        }
    }

    public static int GenerateTraces()
    {
        var root = Path.Combine(ComparisonRunner.RepoRoot(), "samples", "traces");
        SampleTraces.Write2019(Path.Combine(root, "azure2019"));
        SampleTraces.Write2021(Path.Combine(root, "azure2021", "invocations.csv"));
        Console.WriteLine($"Wrote sample traces under {root}.");
        return 0;
    }

    private static ComparisonOptions Parse(string[] args)
    {
        var options = new ComparisonOptions();
        for (var i = 1; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            double Number() => double.Parse(Value(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--workload" => options with { Workload = Enum.Parse<WorkloadKind>(Value(), ignoreCase: true) },
                "--trace" => options with { Azure2019Folder = args[i + 1], Azure2021Path = Value() },
                "--minutes" => options with { Minutes = (int)Number() },
                "--start-minute" => options with { StartMinute = (int)Number() },
                "--compression" => options with { Compression = Number() },
                "--mapping" => options with { Mapping = Enum.Parse<TraceMapping>(Value(), ignoreCase: true) },
                "--users" => options with { Users = (int)Number() },
                "--think" => options with { ThinkTime = TimeSpan.FromSeconds(Number()) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number()) },
                "--mix" => options with { Mix = FunctionMix.Parse(Value()).Weights },
                "--scenarios" => options with { Scenarios = Value().Split(',', StringSplitOptions.TrimEntries) },
                "--policies" => options with { Policies = Value().Split(',', StringSplitOptions.TrimEntries) },
                "--vms" => options with { Vms = (int)Number() },
                "--core-scale" => options with { CoreScale = Number() },
                "--harvest-traces" => options with { HarvestTraces = Value() },
                "--harvest-time-scale" => options with { HarvestTimeScale = Number() },
                "--evictions" => options with { Evictions = true },
                "--verbose" => options with { Verbose = true },
                "--out" => options with { OutputDirectory = Value() },
                var other => throw new ArgumentException($"unknown option '{other}'."),
            };
        }

        return options;
    }
}
