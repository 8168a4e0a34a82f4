using System.CommandLine;
using HarvestOrleans.Experiments.Simulation;
using HarvestOrleans.Experiments.Simulation.Experiments;
using HarvestOrleans.Policies;
using Spectre.Console;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>simulate evictions</c>: a day of evictions under each eviction policy (see <see cref="EvictionsExperiment"/>).</summary>
internal static class SimulateEvictionsCommand
{
    private static readonly EvictionsOptions Defaults = new();

    public static Command Create()
    {
        var policies = new Option<IReadOnlyList<string>>("--policies")
        {
            Description = "Comma-separated eviction policies.",
            DefaultValueFactory = _ => Defaults.Policies,
            CustomParser = r => CommandLine.ListOf(r, EvictionsOptions.AllPolicies),
            HelpName = string.Join(",", EvictionsOptions.AllPolicies),
        };
        var hours = new Option<double>("--hours") { Description = "Simulated hours per run.", DefaultValueFactory = _ => Defaults.Duration.TotalHours, CustomParser = r => CommandLine.Positive(r), HelpName = "h" };
        var harvestVms = new Option<int>("--harvest-vms") { Description = "Harvest VMs (they take the trace files in turn).", DefaultValueFactory = _ => Defaults.HarvestVms, CustomParser = r => CommandLine.Integer(r, 0), HelpName = "n" };
        var regularVms = new Option<int>("--regular-vms") { Description = "Regular VMs every policy starts with; more are added until it meets the SLO.", DefaultValueFactory = _ => Defaults.RegularVms, CustomParser = r => CommandLine.Integer(r, 0), HelpName = "n" };
        var maxRegularVms = new Option<int>("--max-regular-vms") { Description = "The most regular VMs the search tries.", DefaultValueFactory = _ => Defaults.MaxRegularVms, CustomParser = r => CommandLine.Integer(r, 0), HelpName = "n" };
        var slo = new Option<double>("--slo-failure-pct") { Description = "Failures other than evictions' (turned away, timed out) allowed, % of invocations.", DefaultValueFactory = _ => Defaults.SloFailurePct, CustomParser = r => CommandLine.Positive(r, zero: true), HelpName = "pct" };
        var users = new Option<int>("--users") { Description = "Closed-loop users.", DefaultValueFactory = _ => Defaults.Users, CustomParser = r => CommandLine.Integer(r, 1), HelpName = "n" };
        var longShare = new Option<double>("--long-share") { Description = "Share of invocations that are long (30 s-1 h); the paper's 4%.", DefaultValueFactory = _ => Defaults.LongShare, CustomParser = r => CommandLine.Positive(r, zero: true), HelpName = "fraction" };
        var lifetime = new Option<double>("--mean-lifetime-days") { Description = "Mean Harvest VM lifetime: the paper's 61.5 days.", DefaultValueFactory = _ => Defaults.Evictions.MeanLifetimeDays, CustomParser = r => CommandLine.Positive(r), HelpName = "days" };
        var stress = new Option<double>("--stress-lifetime-days") { Description = "A shorter mean lifetime run beside it, to see failures at all in a day (0: none).", DefaultValueFactory = _ => Defaults.StressLifetimeDays ?? 0, CustomParser = r => CommandLine.Positive(r, zero: true), HelpName = "days" };
        var withoutNotice = new Option<double>("--without-notice") { Description = "Share of evictions without notice (a crash, a kill).", DefaultValueFactory = _ => Defaults.Evictions.WithoutNoticeShare, CustomParser = r => CommandLine.Positive(r, zero: true), HelpName = "fraction" };
        var paper = new Option<bool>("--paper") { Description = "Balance by the authors' rules (Paper mode)." };
        var workScale = new Option<double>("--work-scale") { Description = "Multiplies the suite's measured execution times (see 'simulate balancers --help').", DefaultValueFactory = _ => Defaults.WorkScale, CustomParser = r => CommandLine.Positive(r), HelpName = "x" };
        var seed = new Option<int>("--seed") { Description = "Seed of the traces' offsets, the evictions and every run.", DefaultValueFactory = _ => Defaults.Seed, CustomParser = r => CommandLine.Integer(r, 0), HelpName = "n" };
        var parallel = new Option<int>("--parallel") { Description = "Simulations run side by side (results do not depend on it).", DefaultValueFactory = _ => Defaults.Parallelism, CustomParser = r => CommandLine.Integer(r, 1), HelpName = "n" };
        var harvestTraces = new Option<string?>("--harvest-traces") { Description = "A folder with an active/ folder of trace files. [default: samples/traces/harvest]", HelpName = "folder" };
        var output = new Option<string>("--out") { Description = "Where the CSV and charts go.", DefaultValueFactory = _ => SimulationProgress.DefaultOutput("evictions"), HelpName = "folder" };
        var quick = CommandLine.Quick("A smoke run: 2 simulated hours, 80 users, stress lifetime 0.1 days (unless given).");

        var command = new Command("evictions", "A day of Harvest VM evictions at the paper's rates (and a stress rate) under each eviction policy: success, failures, and the regular VMs each needs.");
        foreach (var option in new Option[] { policies, hours, harvestVms, regularVms, maxRegularVms, slo, users, longShare, lifetime, stress, withoutNotice, paper, workScale, seed, parallel, harvestTraces, output, quick })
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            var baseline = parse.GetValue(quick) ? EvictionsOptions.Quick : Defaults;
            var stressDays = SimulationProgress.ValueOr(parse, stress, baseline.StressLifetimeDays ?? 0);
            var share = parse.GetValue(longShare);
            var noNotice = parse.GetValue(withoutNotice);
            if (share >= 1 || noNotice > 1)
            {
                return CommandLine.UsageError("simulate evictions", "--long-share must be below 1 and --without-notice at most 1.");
            }

            var options = baseline with
            {
                Policies = parse.GetValue(policies)!,
                Duration = TimeSpan.FromHours(SimulationProgress.ValueOr(parse, hours, baseline.Duration.TotalHours)),
                HarvestVms = parse.GetValue(harvestVms),
                RegularVms = parse.GetValue(regularVms),
                MaxRegularVms = parse.GetValue(maxRegularVms),
                SloFailurePct = parse.GetValue(slo),
                Users = SimulationProgress.ValueOr(parse, users, baseline.Users),
                LongShare = share,
                Evictions = baseline.Evictions with { MeanLifetimeDays = parse.GetValue(lifetime), WithoutNoticeShare = noNotice },
                StressLifetimeDays = stressDays > 0 ? stressDays : null,
                Mode = parse.GetValue(paper) ? PolicyMode.Paper : PolicyMode.Default,
                WorkScale = parse.GetValue(workScale),
                Seed = parse.GetValue(seed),
                Parallelism = parse.GetValue(parallel),
                HarvestTraces = parse.GetValue(harvestTraces),
            };
            return SimulationProgress.RunExperiment(
                "simulate evictions",
                EvictionsExperiment.Tasks(options),
                progress => EvictionsExperiment.Run(options, progress),
                EvictionsReport.Print,
                EvictionsReport.Write,
                EvictionsReport.Json,
                parse.GetValue(output)!);
        });
        return command;
    }
}
