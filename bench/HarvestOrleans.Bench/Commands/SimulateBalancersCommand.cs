using System.CommandLine;
using HarvestOrleans.Experiments.Simulation;
using HarvestOrleans.Experiments.Simulation.Experiments;
using HarvestOrleans.Policies;
using Spectre.Console;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>simulate balancers</c>: the paper's balancing experiment (see <see cref="BalancersExperiment"/>).</summary>
internal static class SimulateBalancersCommand
{
    private static readonly BalancersOptions Defaults = new();

    public static Command Create()
    {
        var traces = new Option<IReadOnlyList<string>>("--traces")
        {
            Description = "Comma-separated harvest trace scenarios.",
            DefaultValueFactory = _ => Defaults.Traces,
            CustomParser = result => CommandLine.ListOf(result, BalancersOptions.AllTraces),
            HelpName = string.Join(",", BalancersOptions.AllTraces),
        };
        var users = new Option<IReadOnlyList<int>>("--users")
        {
            Description = "Comma-separated closed-loop user counts.",
            DefaultValueFactory = _ => Defaults.Users,
            CustomParser = result => CommandLine.IntegersOf(result, min: 1),
            HelpName = "n,...",
        };
        var policies = new Option<IReadOnlyList<string>>("--policies")
        {
            Description = "Comma-separated balancing policies.",
            DefaultValueFactory = _ => Defaults.Policies,
            CustomParser = result => CommandLine.ListOf(result, BalancersOptions.AllPolicies),
            HelpName = string.Join(",", BalancersOptions.AllPolicies),
        };
        var paper = new Option<bool>("--paper") { Description = "Run every policy by its authors' rules (Paper mode) instead of the project's." };
        var vms = new Option<int>("--vms") { Description = "VMs per cluster (they take the trace files in turn).", DefaultValueFactory = _ => Defaults.Vms, CustomParser = r => CommandLine.Integer(r, 1), HelpName = "n" };
        var think = new Option<double>("--think") { Description = "Mean think time, seconds (exponential).", DefaultValueFactory = _ => Defaults.ThinkSeconds, CustomParser = r => CommandLine.Positive(r, zero: true), HelpName = "s" };
        var minutes = new Option<double>("--minutes") { Description = "Simulated minutes per point.", DefaultValueFactory = _ => Defaults.Duration.TotalMinutes, CustomParser = r => CommandLine.Positive(r), HelpName = "min" };
        var workScale = new Option<double>("--work-scale")
        {
            Description = "Multiplies the suite's measured execution times (7-170 ms at the median) to the paper's FunctionBench scale (0.1-10 s): 80 puts 300 users at ~0.7 of the clusters' cores.",
            DefaultValueFactory = _ => Defaults.WorkScale,
            CustomParser = r => CommandLine.Positive(r),
            HelpName = "x",
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the clusters' trace offsets and of every run.", DefaultValueFactory = _ => Defaults.Seed, CustomParser = r => CommandLine.Integer(r, 0), HelpName = "n" };
        var parallel = new Option<int>("--parallel") { Description = "Simulations run side by side (results do not depend on it).", DefaultValueFactory = _ => Defaults.Parallelism, CustomParser = r => CommandLine.Integer(r, 1), HelpName = "n" };
        var harvestTraces = new Option<string?>("--harvest-traces") { Description = "A folder with active/, normal/ and dedicated/ trace files. [default: samples/traces/harvest]", HelpName = "folder" };
        var output = new Option<string>("--out") { Description = "Where the CSV and charts go.", DefaultValueFactory = _ => SimulationProgress.DefaultOutput("balancers"), HelpName = "folder" };
        var quick = CommandLine.Quick("A smoke run: 50 and 300 users, 5 simulated minutes per point (unless given).");

        var command = new Command("balancers", "The paper's balancing experiment: every policy on the active, normal and dedicated traces' 10 VMs, closed loop 10-300 users: cold starts, p50, p99.");
        foreach (var option in new Option[] { traces, users, policies, paper, vms, think, minutes, workScale, seed, parallel, harvestTraces, output, quick })
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            var baseline = parse.GetValue(quick) ? BalancersOptions.Quick : Defaults;
            var options = baseline with
            {
                Traces = parse.GetValue(traces)!,
                Users = SimulationProgress.ValueOr(parse, users, baseline.Users),
                Policies = parse.GetValue(policies)!,
                Mode = parse.GetValue(paper) ? PolicyMode.Paper : PolicyMode.Default,
                Vms = parse.GetValue(vms),
                ThinkSeconds = parse.GetValue(think),
                Duration = TimeSpan.FromMinutes(SimulationProgress.ValueOr(parse, minutes, baseline.Duration.TotalMinutes)),
                WorkScale = parse.GetValue(workScale),
                Seed = parse.GetValue(seed),
                Parallelism = parse.GetValue(parallel),
                HarvestTraces = parse.GetValue(harvestTraces),
            };
            return SimulationProgress.RunExperiment(
                "simulate balancers",
                BalancersExperiment.Tasks(options),
                progress => BalancersExperiment.Run(options, progress),
                BalancersReport.Print,
                BalancersReport.Write,
                BalancersReport.Json,
                parse.GetValue(output)!);
        });
        return command;
    }
}
