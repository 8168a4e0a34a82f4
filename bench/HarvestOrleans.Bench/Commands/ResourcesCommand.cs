using System.CommandLine;
using HarvestOrleans.Experiments.Resources;
using HarvestOrleans.Experiments.Simulation.Resources;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>resources</c>: the resource managers (Fixed, Greedy, Freyr) on the Freyr workload, live (see <see cref="LiveResourcesExperiment"/>).</summary>
internal static class ResourcesCommand
{
    private static readonly LiveResourcesOptions Defaults = new();

    public static Command Create()
    {
        var policies = ResourcesCommandOptions.Policies(Defaults.Policies);
        var minutes = ResourcesCommandOptions.Minutes(Defaults.Minutes);
        var rate = ResourcesCommandOptions.Rate(Defaults.InvocationsPerMinute);
        var compression = new Option<double>("--compression") { Description = "Replay the arrivals this many times faster.", DefaultValueFactory = _ => Defaults.Compression, CustomParser = r => CommandLine.Positive(r), HelpName = "x" };
        var weights = ResourcesCommandOptions.Weights();
        var seed = ResourcesCommandOptions.Seed(Defaults.Seed, "Seed of the workload and the input sizes.");
        var output = ResourcesCommandOptions.Output(Defaults.OutputDirectory);
        var quick = CommandLine.Quick("One minute of counts at 120 a minute, replayed 4x faster, two warm-ups and one run alone each.");
        var command = new Command("resources", "The invoker's resource managers (Fixed, Greedy, Freyr) live on the Freyr workload (the FunctionBench suite with over- and under-provisioned configurations and varying inputs): slowdown, harvested and accelerated shares, latency. 'simulate resources' is the same in the simulator.");
        foreach (var option in new Option[] { policies, minutes, rate, compression, weights, seed, output, quick })
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            var given = Defaults with
            {
                Policies = parse.GetValue(policies)!,
                Minutes = parse.GetValue(minutes),
                InvocationsPerMinute = parse.GetValue(rate),
                Compression = parse.GetValue(compression),
                WeightsPath = parse.GetValue(weights),
                Seed = parse.GetValue(seed),
                OutputDirectory = parse.GetValue(output)!,
            };
            var options = parse.GetValue(quick) ? given.Quick() : given;
            return SimulationProgress.RunExperiment(
                "resources",
                ["warm-up", "alone", .. options.Policies],
                progress => LiveResourcesExperiment.RunAsync(options, progress).GetAwaiter().GetResult(),
                runs => ResourcesReport.PrintTable(runs, live: true),
                (folder, runs) => ResourcesReport.Write(folder, runs, live: true),
                runs => ResourcesReport.Json(runs, live: true),
                options.OutputDirectory);
        });
        return command;
    }
}
