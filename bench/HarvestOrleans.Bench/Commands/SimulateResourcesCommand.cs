using System.CommandLine;
using HarvestOrleans.Experiments.Simulation.Resources;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>simulate resources</c>: the resource managers (Fixed, Greedy, Freyr) on the Freyr workload (see <see cref="ResourcesExperiment"/>).</summary>
internal static class SimulateResourcesCommand
{
    private static readonly ResourcesOptions Defaults = new();

    public static Command Create()
    {
        var policies = ResourcesCommandOptions.Policies(Defaults.Policies);
        var vms = new Option<int>("--vms") { Description = "VMs of the cluster.", DefaultValueFactory = _ => Defaults.Vms, CustomParser = r => CommandLine.Integer(r, 1), HelpName = "n" };
        var cores = new Option<double>("--cores") { Description = "Cores of each regular VM.", DefaultValueFactory = _ => Defaults.CoresPerVm, CustomParser = r => CommandLine.Positive(r), HelpName = "n" };
        var harvest = new Option<bool>("--harvest-vms") { Description = "Harvest VMs replaying the bundled active traces instead of regular VMs: both kinds of harvesting together." };
        var minutes = ResourcesCommandOptions.Minutes(Defaults.Minutes);
        var rate = ResourcesCommandOptions.Rate(Defaults.InvocationsPerMinute);
        var weights = ResourcesCommandOptions.Weights();
        var seed = ResourcesCommandOptions.Seed(Defaults.Seed, "Seed of the workload and the runs.");
        var output = ResourcesCommandOptions.Output(Defaults.OutputDirectory);
        var command = new Command("resources", "The invoker's resource managers (Fixed, Greedy, Freyr) on the FunctionBench suite with over- and under-provisioned configurations: slowdown, harvested and accelerated shares, latency.");
        foreach (var option in new Option[] { policies, vms, cores, harvest, minutes, rate, weights, seed, output })
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            if (parse.GetValue(weights) is null && parse.GetValue(policies)!.Contains(ResourcePolicyNames.Freyr) && FreyrResourcePolicy.LoadShipped() is null)
            {
                return CommandLine.UsageError("simulate resources", $"no Freyr weights are shipped ({FreyrWeights.ShippedPath}): run 'simulate train-freyr' or give --weights.");
            }

            var options = Defaults with
            {
                Policies = parse.GetValue(policies)!,
                Vms = parse.GetValue(vms),
                CoresPerVm = parse.GetValue(cores),
                HarvestVms = parse.GetValue(harvest),
                Minutes = parse.GetValue(minutes),
                InvocationsPerMinute = parse.GetValue(rate),
                WeightsPath = parse.GetValue(weights),
                Seed = parse.GetValue(seed),
                OutputDirectory = parse.GetValue(output)!,
            };
            return SimulationProgress.RunExperiment(
                "simulate resources",
                options.Policies,
                progress => ResourcesExperiment.Run(options, progress),
                runs => ResourcesReport.PrintTable(runs),
                (folder, runs) => ResourcesReport.Write(folder, runs),
                runs => ResourcesReport.Json(runs),
                options.OutputDirectory);
        });
        return command;
    }
}
