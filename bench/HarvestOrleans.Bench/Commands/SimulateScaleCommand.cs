using System.CommandLine;
using System.Globalization;
using HarvestOrleans.Experiments.Simulation;
using HarvestOrleans.Experiments.Simulation.Scale;
using HarvestOrleans.Policies;
using Spectre.Console;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>simulate scale</c>: see <see cref="ScaleExperiment"/>.</summary>
internal sealed class SimulateScaleCommand : Command
{
    private static readonly ScaleOptions Defaults = new();

    private readonly Option<int> _vms = Whole("--vms", "Harvest VMs.", Defaults.Vms);
    private readonly Option<double> _hours = new("--hours") { Description = "Simulated hours.", DefaultValueFactory = _ => Defaults.Hours, CustomParser = r => CommandLine.Positive(r), HelpName = "hours" };
    private readonly Option<int> _functions = Whole("--functions", "Functions of the generated Azure 2019 day.", Defaults.Functions);
    private readonly Option<int> _daily = Whole("--daily-invocations", "Invocations of the generated day.", (int)Defaults.DailyInvocations);
    private readonly Option<string> _policy = new("--policy")
    {
        Description = "Balancing policy.",
        DefaultValueFactory = _ => Defaults.Policy,
        CustomParser = r => CommandLine.ListOf(r, new BalancingPolicies().Names).Single(),
        HelpName = string.Join("|", new BalancingPolicies().Names),
    };

    private readonly Option<bool> _paper = new("--paper") { Description = "The authors' rules (Paper mode)." };
    private readonly Option<bool> _noEvictions = new("--no-evictions") { Description = "No evictions (by default the paper's Harvest VM lifetimes)." };
    private readonly Option<string?> _trace = new("--trace") { Description = "A folder with an Azure Functions 2019 day (invocations_per_function_md.anon.dNN.csv, function_durations_percentiles.anon.dNN.csv, optionally app_memory_percentiles.anon.dNN.csv): the real dataset or generate-azure2019's. [default: generate one]", HelpName = "folder" };
    private readonly Option<string?> _records = new("--records") { Description = "Write every invocation's record to this CSV (a day of 10 million is ~1 GB).", HelpName = "path" };
    private readonly Option<int> _seed = Whole("--seed", "Seed of the generated day, the VMs and the run.", Defaults.Seed);
    private readonly Option<bool> _quick = CommandLine.Quick("100 VMs, 1 hour, 200 functions: a smoke run.");

    public SimulateScaleCommand()
        : base("scale", "The simulator at the paper's scale: 1,000 Harvest VMs, 24 simulated hours, a generated Azure day of 10 million invocations.")
    {
        foreach (var option in new Option[] { _vms, _hours, _functions, _daily, _trace, _policy, _paper, _noEvictions, _records, _seed, _quick })
        {
            Add(option);
        }

        SetAction(parse =>
        {
            var options = Defaults with
            {
                Vms = parse.GetValue(_vms),
                Hours = parse.GetValue(_hours),
                Functions = parse.GetValue(_functions),
                DailyInvocations = parse.GetValue(_daily),
                Policy = parse.GetValue(_policy)!,
                Mode = parse.GetValue(_paper) ? PolicyMode.Paper : PolicyMode.Default,
                Evictions = !parse.GetValue(_noEvictions),
                Trace = parse.GetValue(_trace),
                RecordsPath = parse.GetValue(_records),
                Seed = parse.GetValue(_seed),
            };
            if (parse.GetValue(_quick))
            {
                options = options with { Vms = 100, Hours = 1, Functions = 200, DailyInvocations = 2_400_000 };
            }

            try
            {
                return Run(options);
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                return CommandLine.UsageError("simulate scale", ex.Message);
            }
            catch (HarvestOrleans.Experiments.Traces.TraceFormatException ex)
            {
                Console.Error.WriteLine($"simulate scale: malformed trace: {ex.Message}");
                return 1;
            }
        });
    }

    private static Option<int> Whole(string name, string description, int defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = r => CommandLine.Integer(r, min: 1), HelpName = "n" };

    private static int Run(ScaleOptions options)
    {
        ScaleResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"{options.Vms} VMs, {options.Hours} h, {options.Policy}", maxValue: 1);
                result = ScaleExperiment.Run(options, fraction => task.Value = fraction);
            });

        var r = result!;
        var run = r.Run;
        SimReport.PrintTable($"Scale: {options.Vms:N0} Harvest VMs (+{r.VmsIncludingReplacements - options.Vms} replacements), {options.Hours} simulated h", [new SimCell("scale", options.Policy, run)]);
        var table = new Table().AddColumns("figure", "value");
        void Row(string name, string value) => table.AddRow(name, value);
        Row("invocations planned / final records / still running at the stop", string.Create(CultureInfo.InvariantCulture, $"{r.PlannedInvocations:N0} / {run.Stats.Invocations:N0} / {run.Unfinished:N0}"));
        Row("wall seconds (setup)", string.Create(CultureInfo.InvariantCulture, $"{run.WallSeconds:0.0} ({r.SetupSeconds:0.0})"));
        Row("events / s", run.EventsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
        Row("simulated s per wall s", (run.SimulatedSeconds / run.WallSeconds).ToString("N0", CultureInfo.InvariantCulture));
        Row("peak working set / live heap after the run", $"{r.PeakWorkingSetBytes / 1048576.0:0} MB / {r.LiveHeapBytes / 1048576.0:0} MB");
        Row("plans (mean µs)", string.Create(CultureInfo.InvariantCulture, $"{run.Plans:N0} ({run.MeanPlanMicroseconds:0.00})"));
        Row("picks (mean µs)", string.Create(CultureInfo.InvariantCulture, $"{run.Picks:N0} ({run.MeanPickMicroseconds:0.000})"));
        AnsiConsole.Write(table);
        Console.WriteLine(SimReport.Json(new
        {
            benchmark = "simulate-scale",
            vms = options.Vms,
            vmsIncludingReplacements = r.VmsIncludingReplacements,
            simulatedHours = options.Hours,
            policy = options.Policy,
            mode = options.Mode.ToString(),
            plannedInvocations = r.PlannedInvocations,
            invocations = run.Stats.Invocations,
            unfinished = run.Unfinished,
            wallSeconds = Math.Round(run.WallSeconds, 1),
            setupSeconds = Math.Round(r.SetupSeconds, 1),
            events = run.Events,
            eventsPerSecond = Math.Round(run.EventsPerSecond),
            peakWorkingSetMb = Math.Round(r.PeakWorkingSetBytes / 1048576.0),
            liveHeapMb = Math.Round(r.LiveHeapBytes / 1048576.0),
            planMicroseconds = Math.Round(run.MeanPlanMicroseconds, 2),
            pickMicroseconds = Math.Round(run.MeanPickMicroseconds, 3),
            figures = SimReport.Figure(run),
        }));
        return 0;
    }
}
