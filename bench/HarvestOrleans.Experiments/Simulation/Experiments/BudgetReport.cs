using System.Globalization;
using Spectre.Console;
using static HarvestOrleans.Experiments.Simulation.Experiments.Figures;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>The budget experiment's tables, files (CSV, chart) and JSON figures.</summary>
public static class BudgetReport
{
    public static void Print(BudgetResult result)
    {
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        var o = result.Options;
        AnsiConsole.MarkupLineInterpolated($"[bold]simulate budget[/]: {o.RegularVms} regular VMs x {o.RegularCores:0} cores at ${o.RegularPerCoreHour:0.000}/core-h = budget ${result.BudgetPerHour:0.00}/h; Harvest VMs on the {o.Trace} traces, evictions with mean lifetime {o.Evictions.MeanLifetimeDays:0.##} days; {o.Policy} ({o.Mode}), saturating closed loop ({o.UsersPerCore:0.##} users per core, no think time), work scale {o.WorkScale:0.##}, {o.Duration.TotalMinutes:0} simulated min per run, seed {o.Seed}; {result.WallSeconds:0.0} s wall");

        var runs = new Table().Title("Runs").AddColumns("cluster", "VMs", "users", "mean cores", "core-h", "thr/s", "p50 ms", "p99 ms", "success %", "evictions", "lost to evictions", "$/core-h", "$/h", "$/M inv", "inv/$");
        foreach (var run in new[] { result.Regular }.Concat(result.Discounts.SelectMany(d => d.Searched)))
        {
            var s = run.Result.Stats;
            var cost = run.Cost;
            runs.AddRow(
                Markup.Escape(run.Label), run.InitialVms.ToString(CultureInfo.InvariantCulture), run.Users.ToString(CultureInfo.InvariantCulture),
                F(run.CoreHours / (run.Result.SimulatedSeconds / 3600), 1), F(run.CoreHours, 1), F(run.Throughput, 2), F(s.Latency.Percentile(50), 0), F(s.Latency.Percentile(99), 0),
                F(100 * s.SuccessRate, 3), run.Evictions.ToString(CultureInfo.InvariantCulture), run.LostToEvictions.ToString(CultureInfo.InvariantCulture),
                BalancersReport.PriceByKind(cost), F(cost.DollarsPerHour, 3), F(cost.DollarsPerMillion, 2), F(cost.InvocationsPerDollar, 0));
        }

        AnsiConsole.Write(runs);

        var table = new Table().Title($"Equal budget and equal throughput (paper: {BudgetResult.PAPER_MIN_THROUGHPUT_RATIO}x-{BudgetResult.PAPER_MAX_THROUGHPUT_RATIO}x throughput at equal cost, {BudgetResult.PAPER_MIN_SAVINGS_PCT}-{BudgetResult.PAPER_MAX_SAVINGS_PCT}% savings)")
            .AddColumns("discount", "1/(1-d)", "VMs at budget", "mean / nominal cores per VM", "core-h ratio", "work per core-h", "throughput ratio", "inv/$ ratio", "evictions (lost)", "VMs at equal thr", "$/h at equal thr", "savings %");
        foreach (var d in result.Discounts)
        {
            table.AddRow(
                $"{d.Discount:P0}", F(1 / (1 - d.Discount), 2), d.AtBudget.InitialVms.ToString(CultureInfo.InvariantCulture),
                $"{d.MeanCoresPerVm:0.0} / {d.NominalCoresPerVm:0.0}", F(result.CoreHoursRatio(d), 2), F(result.Efficiency(d), 3), $"{F(result.ThroughputRatio(d), 2)}x",
                $"{F(d.AtBudget.Cost.InvocationsPerDollar / result.Regular.Cost.InvocationsPerDollar, 2)}x",
                $"{d.AtBudget.Evictions} ({d.AtBudget.LostToEvictions})", d.AtEqualThroughput.InitialVms.ToString(CultureInfo.InvariantCulture),
                F(d.AtEqualThroughput.Cost.DollarsPerHour, 3), F(result.SavingsPct(d), 1));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine("[grey]throughput ratio = core-h ratio (what the budget buys: 1/(1-d) up to one VM of rounding) x work per core-h (harvest/regular: changing cores, evictions, placement).[/]");
    }

    /// <summary>Writes <c>budget.csv</c> and the chart into <paramref name="folder"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string folder, BudgetResult result)
    {
        var rows = new[] { ("regular", double.NaN, result.Regular) }
            .Concat(result.Discounts.SelectMany(d => d.Searched.Select(r => (r == d.AtBudget ? "at budget" : r == d.AtEqualThroughput ? "equal throughput" : "search", d.Discount, r))));
        var csv = WriteCsv(
            Path.Combine(folder, "budget.csv"),
            "role,discount,label,vms,users,mean_cores,core_hours,throughput_per_s,p50_ms,p99_ms,success_pct,evictions,lost_to_evictions,usd_per_hour,usd_per_million,invocations_per_usd,invocations_per_core_hour",
            rows.Select(row =>
            {
                var (role, discount, run) = row;
                var s = run.Result.Stats;
                return new[]
                {
                    role, Csv(discount), run.Label, run.InitialVms.ToString(CultureInfo.InvariantCulture), run.Users.ToString(CultureInfo.InvariantCulture),
                    Csv(run.CoreHours / (run.Result.SimulatedSeconds / 3600)), Csv(run.CoreHours), Csv(run.Throughput), Csv(s.Latency.Percentile(50)), Csv(s.Latency.Percentile(99)),
                    Csv(100 * s.SuccessRate), run.Evictions.ToString(CultureInfo.InvariantCulture), run.LostToEvictions.ToString(CultureInfo.InvariantCulture),
                    Csv(run.Cost.DollarsPerHour), Csv(run.Cost.DollarsPerMillion), Csv(run.Cost.InvocationsPerDollar), Csv(run.InvocationsPerCoreHour),
                };
            }));

        var discounts = result.Discounts.Select(d => 100 * d.Discount).ToArray();
        double[] paperDiscounts = [100 * PriceList.MIN_PAPER_DISCOUNT, 100 * PriceList.MAX_PAPER_DISCOUNT];
        var throughput = LineChart.Save(
            Path.Combine(folder, "budget-throughput.png"),
            "Throughput at equal budget: Harvest over regular VMs (simulated)",
            "Harvest discount (% off the list price)",
            "x the regular cluster",
            [
                new LineChart.Series("throughput", discounts, [.. result.Discounts.Select(result.ThroughputRatio)]),
                new LineChart.Series("core-hours the budget buys", discounts, [.. result.Discounts.Select(result.CoreHoursRatio)]),
                new LineChart.Series("1 / (1 - discount)", discounts, [.. result.Discounts.Select(d => 1 / (1 - d.Discount))]),
                new LineChart.Series("paper: 2.2x-9.0x (range ends, over 48-88% off)", paperDiscounts, [BudgetResult.PAPER_MIN_THROUGHPUT_RATIO, BudgetResult.PAPER_MAX_THROUGHPUT_RATIO], MarkersOnly: true),
            ]);
        var savings = LineChart.Save(
            Path.Combine(folder, "budget-savings.png"),
            "Cost at equal throughput: savings of Harvest over regular VMs (simulated)",
            "Harvest discount (% off the list price)",
            "savings (% of the regular cluster's cost)",
            [
                new LineChart.Series("savings at equal throughput", discounts, [.. result.Discounts.Select(result.SavingsPct)]),
                new LineChart.Series("the discount itself", discounts, discounts),
                new LineChart.Series("paper: 48-89% (range ends, over 48-88% off)", paperDiscounts, [BudgetResult.PAPER_MIN_SAVINGS_PCT, BudgetResult.PAPER_MAX_SAVINGS_PCT], MarkersOnly: true),
            ]);
        return [csv, throughput, savings];
    }

    public static object Json(BudgetResult result) => new
    {
        command = "simulate budget",
        policy = result.Options.Policy,
        mode = result.Options.Mode.ToString(),
        trace = result.Options.Trace,
        minutesPerRun = result.Options.Duration.TotalMinutes,
        usersPerCore = result.Options.UsersPerCore,
        workScale = result.Options.WorkScale,
        meanLifetimeDays = result.Options.Evictions.MeanLifetimeDays,
        seed = result.Options.Seed,
        budgetPerHour = Round(result.BudgetPerHour, 4),
        regular = Run(result.Regular),
        discounts = result.Discounts.Select(d => new
        {
            discount = d.Discount,
            atBudget = Run(d.AtBudget),
            meanCoresPerVm = Round(d.MeanCoresPerVm, 2),
            nominalCoresPerVm = Round(d.NominalCoresPerVm, 2),
            coreHoursRatio = Round(result.CoreHoursRatio(d), 3),
            workPerCoreHourRatio = Round(result.Efficiency(d), 4),
            throughputRatio = Round(result.ThroughputRatio(d), 3),
            atEqualThroughput = Run(d.AtEqualThroughput),
            savingsPct = Round(result.SavingsPct(d), 2),
        }),
        wallSeconds = Round(result.WallSeconds, 1),
    };

    private static object Run(BudgetRun run) => new
    {
        vms = run.InitialVms,
        users = run.Users,
        coreHours = Round(run.CoreHours, 2),
        throughputPerSec = Round(run.Throughput, 3),
        p99Ms = Round(run.Result.Stats.Latency.Percentile(99), 1),
        successPct = Round(100 * run.Result.Stats.SuccessRate, 4),
        evictions = run.Evictions,
        lostToEvictions = run.LostToEvictions,
        cost = run.Cost.ToJson(),
    };
}
