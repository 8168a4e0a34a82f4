using System.CommandLine;
using HarvestOrleans.Experiments.Simulation;
using HarvestOrleans.Experiments.Simulation.Experiments;
using HarvestOrleans.Policies;
using Spectre.Console;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>simulate budget</c>: Harvest/Spot against regular VMs at equal budget and equal throughput (see <see cref="BudgetExperiment"/>).</summary>
internal static class SimulateBudgetCommand
{
    private static readonly BudgetOptions Defaults = new();

    public static Command Create()
    {
        var regularVms = new Option<int>("--regular-vms") { Description = "Regular VMs of the cluster whose cost per hour is the budget.", DefaultValueFactory = _ => Defaults.RegularVms, CustomParser = r => CommandLine.Integer(r, 1), HelpName = "n" };
        var regularCores = new Option<double>("--regular-cores") { Description = "Cores of each regular VM.", DefaultValueFactory = _ => Defaults.RegularCores, CustomParser = r => CommandLine.Positive(r), HelpName = "n" };
        var discounts = new Option<IReadOnlyList<int>>("--discounts")
        {
            Description = "Comma-separated Harvest discounts, % off the list price (the paper's Spot range is 48-88).",
            DefaultValueFactory = _ => [.. Defaults.Discounts.Select(d => (int)Math.Round(100 * d))],
            CustomParser = r => CommandLine.IntegersOf(r, min: 0),
            HelpName = "pct,...",
        };
        discounts.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<IReadOnlyList<int>>() is { } values && values.Any(v => v >= 100))
            {
                result.AddError("--discounts: each discount must be below 100%.");
            }
        });
        var policy = new Option<string>("--policy")
        {
            Description = "The balancing policy of every cluster.",
            DefaultValueFactory = _ => Defaults.Policy,
            CustomParser = r => CommandLine.NameOf(r, BalancersOptions.AllPolicies, Defaults.Policy),
            HelpName = string.Join("|", BalancersOptions.AllPolicies),
        };
        var paper = new Option<bool>("--paper") { Description = "Run the policy by its authors' rules (Paper mode)." };
        var minutes = new Option<double>("--minutes") { Description = "Simulated minutes per run.", DefaultValueFactory = _ => Defaults.Duration.TotalMinutes, CustomParser = r => CommandLine.Positive(r), HelpName = "min" };
        var usersPerCore = new Option<double>("--users-per-core") { Description = "Saturating closed loop: users per core of the cluster, no think time.", DefaultValueFactory = _ => Defaults.UsersPerCore, CustomParser = r => CommandLine.Positive(r), HelpName = "x" };
        var workScale = new Option<double>("--work-scale") { Description = "Multiplies the suite's measured execution times (see 'simulate balancers --help').", DefaultValueFactory = _ => Defaults.WorkScale, CustomParser = r => CommandLine.Positive(r), HelpName = "x" };
        var lifetime = new Option<double>("--mean-lifetime-days") { Description = "Mean Harvest VM lifetime (the paper's 61.5 days; shorter to stress).", DefaultValueFactory = _ => Defaults.Evictions.MeanLifetimeDays, CustomParser = r => CommandLine.Positive(r), HelpName = "days" };
        var seed = new Option<int>("--seed") { Description = "Seed of the VM pool, its evictions and every run.", DefaultValueFactory = _ => Defaults.Seed, CustomParser = r => CommandLine.Integer(r, 0), HelpName = "n" };
        var parallel = new Option<int>("--parallel") { Description = "Simulations run side by side (results do not depend on it).", DefaultValueFactory = _ => Defaults.Parallelism, CustomParser = r => CommandLine.Integer(r, 1), HelpName = "n" };
        var harvestTraces = new Option<string?>("--harvest-traces") { Description = "A folder with an active/ folder of trace files. [default: samples/traces/harvest]", HelpName = "folder" };
        var output = new Option<string>("--out") { Description = "Where the CSV and charts go.", DefaultValueFactory = _ => SimulationProgress.DefaultOutput("budget"), HelpName = "folder" };
        var quick = CommandLine.Quick("A smoke run: 10 simulated minutes per run (unless given).");

        var command = new Command("budget", "Harvest/Spot VMs at the paper's discounts against regular VMs: throughput at equal budget, cost at equal throughput.");
        foreach (var option in new Option[] { regularVms, regularCores, discounts, policy, paper, minutes, usersPerCore, workScale, lifetime, seed, parallel, harvestTraces, output, quick })
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            var baseline = parse.GetValue(quick) ? BudgetOptions.Quick : Defaults;
            var options = baseline with
            {
                RegularVms = parse.GetValue(regularVms),
                RegularCores = parse.GetValue(regularCores),
                Discounts = [.. parse.GetValue(discounts)!.Select(d => d / 100.0)],
                Policy = parse.GetValue(policy)!,
                Mode = parse.GetValue(paper) ? PolicyMode.Paper : PolicyMode.Default,
                Duration = TimeSpan.FromMinutes(SimulationProgress.ValueOr(parse, minutes, baseline.Duration.TotalMinutes)),
                UsersPerCore = parse.GetValue(usersPerCore),
                WorkScale = parse.GetValue(workScale),
                Evictions = baseline.Evictions with { MeanLifetimeDays = parse.GetValue(lifetime) },
                Seed = parse.GetValue(seed),
                Parallelism = parse.GetValue(parallel),
                HarvestTraces = parse.GetValue(harvestTraces),
            };
            return SimulationProgress.RunExperiment(
                "simulate budget",
                BudgetExperiment.Tasks(options),
                progress => BudgetExperiment.Run(options, progress),
                BudgetReport.Print,
                BudgetReport.Write,
                BudgetReport.Json,
                parse.GetValue(output)!);
        });
        return command;
    }
}
