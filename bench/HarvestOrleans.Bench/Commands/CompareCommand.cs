using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Experiments.Scenarios;
using HarvestOrleans.Experiments.Traces;
using HarvestOrleans.Experiments.Workloads;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Bench.Commands;

/// <summary>
/// <c>compare</c>: the policy comparison (the README's main job). Defaults (those of <see cref="ComparisonOptions"/>):
/// the short run on the bundled sample traces.
/// </summary>
internal sealed class CompareCommand : Command
{
    private static readonly ComparisonOptions Defaults = new();

    private readonly Option<WorkloadKind> _workload = new("--workload")
    {
        Description = "closed: the paper's closed loop; azure2019 / azure2021: open-loop replay of an Azure Functions trace.",
        DefaultValueFactory = _ => Defaults.Workload,
        CustomParser = CommandLine.OneOf<WorkloadKind>,
        HelpName = CommandLine.Names<WorkloadKind>("|"),
    };

    private readonly Option<string?> _trace = new("--trace")
    {
        Description = "Azure 2019: a folder with invocations*.csv and function_durations*.csv; Azure 2021: the trace file. [default: samples/traces/azure2019 or samples/traces/azure2021/invocations.csv]",
        HelpName = "path",
    };

    private readonly Option<int> _startMinute = new("--start-minute")
    {
        Description = "Trace window: from this traced minute (2019) or second × 60 (2021).",
        HelpName = "minute",
        DefaultValueFactory = _ => Defaults.StartMinute,
        CustomParser = result => CommandLine.Integer(result, min: 0),
    };

    private readonly Option<int> _minutes = new("--minutes")
    {
        Description = "Trace window: this many traced minutes.",
        HelpName = "minutes",
        DefaultValueFactory = _ => Defaults.Minutes,
        CustomParser = result => CommandLine.Integer(result, min: 1),
    };

    private readonly Option<double> _compression = Number("--compression", "Traced time is divided by this (20 replays 4 minutes in 12 s).", Defaults.Compression);

    private readonly Option<TraceMapping> _mapping = new("--mapping")
    {
        Description = "suite: traced functions run suite functions' code; synthetic: they run for their traced duration.",
        DefaultValueFactory = _ => Defaults.Mapping,
        CustomParser = CommandLine.OneOf<TraceMapping>,
        HelpName = CommandLine.Names<TraceMapping>("|"),
    };

    private readonly Option<int> _users = new("--users")
    {
        Description = "Closed loop: concurrent users.",
        HelpName = "n",
        DefaultValueFactory = _ => Defaults.Users,
        CustomParser = result => CommandLine.Integer(result, min: 1),
    };

    private readonly Option<double> _think = Number("--think", "Closed loop: mean think time in seconds (exponential).", Defaults.ThinkTime.TotalSeconds, zero: true);

    private readonly Option<double> _duration = Number("--duration", "Closed loop: how long each cell runs, in seconds.", Defaults.Duration.TotalSeconds);

    private readonly Option<string?> _mix = new("--mix")
    {
        Description = $"Function mix, name=weight,... [default: the paper's mix, {string.Join(",", Defaults.Mix.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value}")))}]",
        HelpName = "name=weight,...",
    };

    private readonly Option<IReadOnlyList<string>> _scenarios = new("--scenarios")
    {
        Description = "Comma-separated scenarios to run.",
        DefaultValueFactory = _ => Defaults.Scenarios,
        CustomParser = result => CommandLine.ListOf(result, ClusterScenario.All),
        HelpName = string.Join(",", ClusterScenario.All),
    };

    private readonly Option<IReadOnlyList<string>> _policies = new("--policies")
    {
        Description = "Comma-separated balancing policies to compare.",
        DefaultValueFactory = _ => Defaults.Policies,
        CustomParser = result => CommandLine.ListOf(result, new BalancingPolicies().Names),
        HelpName = string.Join(",", new BalancingPolicies().Names),
    };

    private readonly Option<int> _vms = new("--vms")
    {
        Description = "VMs per cluster (each scenario's trace folder needs as many trace files).",
        HelpName = "n",
        DefaultValueFactory = _ => Defaults.Vms,
        CustomParser = result => CommandLine.Integer(result, min: 1),
    };

    private readonly Option<double> _coreScale = Number("--core-scale", "Multiplies the harvest traces' cores (5–32 in the paper's VMs; these machines have 2).", Defaults.CoreScale);

    private readonly Option<string?> _harvestTraces = new("--harvest-traces")
    {
        Description = "A folder with dedicated/, normal/ and active/ harvest traces. [default: samples/traces/harvest]",
        HelpName = "folder",
    };

    private readonly Option<double> _harvestTimeScale = Number("--harvest-time-scale", "The active scenario's harvest traces replay this much faster.", Defaults.HarvestTimeScale);

    private readonly Option<bool> _paper = new("--paper") { Description = "Run every policy by its authors' rules (Harvest:Balancing:Mode=Paper) instead of the project's." };

    private readonly Option<string> _resources = new("--resources")
    {
        Description = "The invokers' resource manager in every cell (harvesting inside the platform too).",
        DefaultValueFactory = _ => Defaults.ResourcePolicy,
        CustomParser = result => CommandLine.NameOf(result, new ResourcePolicies().Names, Defaults.ResourcePolicy),
        HelpName = string.Join("|", new ResourcePolicies().Names),
    };

    private readonly Option<bool> _evictions = new("--evictions") { Description = "Evict one VM (with notice) 40% into each run.", DefaultValueFactory = _ => Defaults.Evictions };

    private readonly Option<string> _out = new("--out") { Description = "Where the table, CSV, charts and JSON go.", DefaultValueFactory = _ => Defaults.OutputDirectory, HelpName = "folder" };

    private readonly Option<bool> _verbose = new("--verbose") { Description = "Show the silos' warnings and errors (by default only critical ones).", DefaultValueFactory = _ => Defaults.Verbose };

    public CompareCommand()
        : this("compare", "The policy comparison: every balancing policy on every scenario (dedicated, normal, active) with the same workload.", RunAsync)
    {
    }

    /// <summary>A command with the comparison's options that runs <paramref name="run"/> with them (<c>simulate compare</c>).</summary>
    public CompareCommand(string name, string description, Func<ComparisonOptions, CancellationToken, Task<int>> run)
        : base(name, description)
    {
        foreach (var option in new Option[] { _workload, _trace, _startMinute, _minutes, _compression, _mapping, _users, _think, _duration, _mix, _scenarios, _policies, _vms, _coreScale, _harvestTraces, _harvestTimeScale, _paper, _resources, _evictions, _out, _verbose })
        {
            Add(option);
        }

        _mix.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is not { } mix)
            {
                return;
            }

            try
            {
                _ = FunctionMix.Parse(mix);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                result.AddError($"--mix: {ex.Message}");
            }
        });
        SetAction((parse, ct) => run(ToOptions(parse), ct));
    }

    private static Option<double> Number(string name, string description, double defaultValue, bool zero = false) => new(name)
    {
        Description = description,
        HelpName = description.Contains("seconds", StringComparison.Ordinal) ? "seconds" : "x",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => CommandLine.Positive(result, zero),
    };

    private ComparisonOptions ToOptions(ParseResult parse) => Defaults with
    {
        Workload = parse.GetValue(_workload),
        Azure2019Folder = parse.GetValue(_trace),
        Azure2021Path = parse.GetValue(_trace),
        StartMinute = parse.GetValue(_startMinute),
        Minutes = parse.GetValue(_minutes),
        Compression = parse.GetValue(_compression),
        Mapping = parse.GetValue(_mapping),
        Users = parse.GetValue(_users),
        ThinkTime = TimeSpan.FromSeconds(parse.GetValue(_think)),
        Duration = TimeSpan.FromSeconds(parse.GetValue(_duration)),
        Mix = parse.GetValue(_mix) is { } mix ? FunctionMix.Parse(mix).Weights : Defaults.Mix,
        Scenarios = parse.GetValue(_scenarios)!,
        Policies = parse.GetValue(_policies)!,
        Vms = parse.GetValue(_vms),
        CoreScale = parse.GetValue(_coreScale),
        HarvestTraces = parse.GetValue(_harvestTraces),
        HarvestTimeScale = parse.GetValue(_harvestTimeScale),
        Mode = parse.GetValue(_paper) ? PolicyMode.Paper : PolicyMode.Default,
        ResourcePolicy = parse.GetValue(_resources)!,
        Evictions = parse.GetValue(_evictions),
        OutputDirectory = parse.GetValue(_out)!,
        Verbose = parse.GetValue(_verbose),
    };

    private static async Task<int> RunAsync(ComparisonOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await ComparisonRunner.RunAsync(options, cancellationToken);
            return 0;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // A trace that is not there, or too few of them: the message names the folder and the files looked for.
            return CommandLine.UsageError("compare", ex.Message);
        }
        catch (TraceFormatException ex)
        {
            Console.Error.WriteLine($"compare: malformed trace: {ex.Message}");
            return 1;
        }
    }
}
