using System.CommandLine;
using System.Text.Json;
using HarvestOrleans.Experiments.Simulation.Experiments;
using Spectre.Console;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>simulate handover</c>: the minute after evictions with notice, handover off and on (see <see cref="HandoverExperiment"/>).</summary>
internal static class SimulateHandoverCommand
{
    private static readonly HandoverOptions Defaults = new();

    public static Command Create()
    {
        var vms = new Option<int>("--vms") { Description = "Harvest VMs.", DefaultValueFactory = _ => Defaults.Vms, CustomParser = r => CommandLine.Integer(r, 2), HelpName = "n" };
        var functions = new Option<int>("--functions") { Description = "Functions, at Zipf-skewed rates.", DefaultValueFactory = _ => Defaults.Functions, CustomParser = r => CommandLine.Integer(r, 1), HelpName = "n" };
        var rps = new Option<double>("--rps") { Description = "Total invocations per second.", DefaultValueFactory = _ => Defaults.TotalRps, CustomParser = r => CommandLine.Positive(r), HelpName = "rps" };
        var seeds = new Option<int>("--seeds") { Description = "Seeds run (each evicts another VM).", DefaultValueFactory = _ => Defaults.Seeds, CustomParser = r => CommandLine.Integer(r, 1), HelpName = "n" };
        var seed = new Option<int>("--seed") { Description = "The first seed of the arrivals and the runs.", DefaultValueFactory = _ => Defaults.Seed, CustomParser = r => CommandLine.Integer(r, 0), HelpName = "n" };
        var budget = new Option<int?>("--budget") { Description = "Functions a notice warms elsewhere, the hottest first. [default: the silo's, EvictionOptions.PreWarmFunctions]", HelpName = "n" };
        var replacement = new Option<bool>("--replacement") { Description = "The Resource Monitor's case: a VM lost without notice and a replacement joining 60 s later; counts the minute after the join, with the joiner's warm-up off and on." };
        var quick = CommandLine.Quick("A smoke run: 2 seeds.");
        var command = new Command("handover", "The minute after an eviction with notice, with the notice's handover (pre-warming replacements) off and on, beside the same minute without eviction: cold starts, failures, p99.");
        foreach (var option in new Option[] { vms, functions, rps, seeds, seed, budget, replacement, quick })
        {
            command.Add(option);
        }

        command.SetAction(parse =>
        {
            var baseline = parse.GetValue(quick) ? HandoverOptions.Quick : Defaults;
            var options = baseline with
            {
                Vms = parse.GetValue(vms),
                Functions = parse.GetValue(functions),
                TotalRps = parse.GetValue(rps),
                Seeds = SimulationProgress.ValueOr(parse, seeds, baseline.Seeds),
                Seed = parse.GetValue(seed),
                Budget = parse.GetValue(budget),
                Replacement = parse.GetValue(replacement),
            };
            if (options.Budget is < 0)
            {
                return CommandLine.UsageError("simulate handover", "--budget must be at least 0.");
            }

            var result = HandoverExperiment.Run(options);
            Print(result);
            return 0;
        });
        return command;
    }

    private static void Print(HandoverResult result)
    {
        var o = result.Options;
        var what = o.Replacement
            ? $"one VM lost without notice at {o.NoticeAtShare:P0} of {o.Duration.TotalMinutes:0} min and a replacement joining {o.ReplacementDelaySeconds:0} s later; the {o.Window.TotalSeconds:0} s after the join"
            : $"one VM evicted with {o.NoticeSeconds:0} s notice at {o.NoticeAtShare:P0} of {o.Duration.TotalMinutes:0} min; the {o.Window.TotalSeconds:0} s after it";
        var step = o.Replacement ? "warm-up" : "handover";
        var table = new Table()
            .Title($"{o.Vms} VMs x {o.Cores:0} cores, {o.Functions} functions at {o.TotalRps:0} rps; {what}, {o.Seeds} seeds")
            .AddColumns("run", "invocations", "cold", "added by the eviction", "failures", "p50 ms", "p99 ms");
        foreach (var (mode, w) in result.Windows)
        {
            var added = mode == HandoverMode.NoEviction ? "-" : $"{result.AddedColdStarts(mode):N0}";
            table.AddRow(Label(mode, step), $"{w.Invocations:N0}", $"{w.ColdStarts:N0}", added, $"{w.Failures:N0}", $"{w.P50Ms:0.0}", $"{w.P99Ms:0.0}");
        }

        AnsiConsole.Write(table);
        var reduction = result.ColdStartReduction;
        AnsiConsole.MarkupLineInterpolated($"cold starts the eviction adds: {result.AddedColdStarts(HandoverMode.On):N0} with the {step} against {result.AddedColdStarts(HandoverMode.Off):N0} without ({reduction:P1} fewer; goal >= 80%); failures {result.Windows[HandoverMode.On].Failures:N0} against {result.Windows[HandoverMode.Off].Failures:N0}");
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "simulate-handover",
            @event = o.Replacement ? "replacement" : "notice",
            o.Vms,
            o.Functions,
            o.TotalRps,
            o.Seeds,
            noEviction = Json(result.Windows[HandoverMode.NoEviction]),
            off = Json(result.Windows[HandoverMode.Off]),
            on = Json(result.Windows[HandoverMode.On]),
            addedColdStartsOff = result.AddedColdStarts(HandoverMode.Off),
            addedColdStartsOn = result.AddedColdStarts(HandoverMode.On),
            coldStartReduction = double.IsFinite(reduction) ? Math.Round(reduction, 4) : (double?)null,
        }));
    }

    private static string Label(HandoverMode mode, string step) => mode switch
    {
        HandoverMode.NoEviction => "no eviction",
        HandoverMode.Off => $"{step} off (baseline)",
        _ => $"{step} on",
    };

    private static object Json(WindowFigures w) => new { w.Invocations, w.ColdStarts, w.Failures, p50Ms = Math.Round(w.P50Ms, 1), p99Ms = Math.Round(w.P99Ms, 1) };
}
