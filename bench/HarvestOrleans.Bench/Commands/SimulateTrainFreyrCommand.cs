using System.CommandLine;
using System.Diagnostics;
using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Experiments.Simulation.Resources;
using Spectre.Console;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>simulate train-freyr</c>: trains Freyr's network with PPO in the simulator and writes the weights file (see <see cref="FreyrTraining"/>).</summary>
internal static class SimulateTrainFreyrCommand
{
    public static Command Create()
    {
        var episodes = new Option<int>("--episodes") { Description = "Training episodes (one PPO update each).", DefaultValueFactory = _ => FreyrTraining.DEFAULT_EPISODES, CustomParser = r => CommandLine.Integer(r, 1), HelpName = "n" };
        var minutes = new Option<int>("--episode-minutes") { Description = "Simulated minutes per episode.", DefaultValueFactory = _ => FreyrTraining.DEFAULT_EPISODE_MINUTES, CustomParser = r => CommandLine.Integer(r, 1), HelpName = "min" };
        var seed = new Option<int>("--seed") { Description = "Seed of the network, the episodes' workloads and PPO's sampling.", DefaultValueFactory = _ => 1, CustomParser = r => CommandLine.Integer(r, 0), HelpName = "n" };
        var output = new Option<string?>("--out") { Description = $"The weights file written. [default: {FreyrWeights.ShippedPath}, the one the runtime ships]", HelpName = "file" };
        var command = new Command("train-freyr", "Trains Freyr's resource manager (PPO over a per-candidate score network) in the simulator and writes its weights.");
        foreach (var option in new Option[] { episodes, minutes, seed, output })
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            var count = parse.GetValue(episodes);
            var path = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(ComparisonRunner.RepoRoot(), FreyrWeights.ShippedPath));
            var wall = Stopwatch.StartNew();
            var table = new Table().AddColumns("episode", "decisions", "mean slowdown", "mean reward", "loss", "entropy", "approx KL");
            var trained = AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()).Start(context =>
            {
                var task = context.AddTask("training Freyr", maxValue: count);
                return FreyrTraining.Train(new ResourcesOptions { Seed = parse.GetValue(seed) }, count, parse.GetValue(minutes), e => task.Value = e.Episode);
            });
            foreach (var e in trained.Episodes)
            {
                table.AddRow(e.Episode.ToString(), e.Decisions.ToString(), F(e.MeanSlowdown), F(e.Update?.MeanReward), F(e.Update?.Loss), F(e.Update?.Entropy), F(e.Update?.ApproxKl));
            }

            AnsiConsole.Write(table);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            trained.Network.Save(path, $"Freyr, trained by 'simulate train-freyr' ({count} episodes of {parse.GetValue(minutes)} simulated minutes, seed {parse.GetValue(seed)}).");
            AnsiConsole.MarkupLineInterpolated($"[grey]Wrote {path} ({new FileInfo(path).Length:N0} bytes) in {wall.Elapsed.TotalSeconds:0.0} s[/]");
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
            {
                benchmark = "simulate-train-freyr",
                episodes = count,
                wallSeconds = Math.Round(wall.Elapsed.TotalSeconds, 1),
                firstMeanSlowdown = trained.Episodes[0].MeanSlowdown,
                lastMeanSlowdown = trained.Episodes[^1].MeanSlowdown,
                weights = path,
            }));
            return 0;
        });
        return command;
    }

    private static string F(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
