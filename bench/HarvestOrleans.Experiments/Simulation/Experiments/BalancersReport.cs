using System.Globalization;
using HarvestOrleans.Policies;
using ScottPlot;
using Spectre.Console;
using static HarvestOrleans.Experiments.Simulation.Experiments.Figures;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>The balancing experiment's tables, files (CSV, charts) and JSON figures.</summary>
public static class BalancersReport
{
    public static void Print(BalancersResult result)
    {
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200); // a log file, not an 80-column terminal
        var o = result.Options;
        var mix = result.Mix;
        AnsiConsole.MarkupLineInterpolated($"[bold]simulate balancers[/] ({(o.Mode == PolicyMode.Paper ? "Paper mode" : "Default mode")}): {o.Vms} VMs per trace, closed loop, think {o.ThinkSeconds:0.#} s, {o.Duration.TotalMinutes:0.#} simulated min per point, work scale {o.WorkScale:0.##} (mix mean execution {mix.MeanExecutionSeconds:0.00} s, {mix.MeanCoreSeconds:0.00} core-s), seed {o.Seed}; {result.WallSeconds:0.0} s wall");

        var clusters = new Table().Title("Clusters and offered load (users x core-s / (think + execution), no queueing)")
            .AddColumns(["trace", "VMs", "kind", "mean cores", "VM cores", "core changes", .. o.Users.Select(u => $"{u} users")]);
        foreach (var c in result.Clusters)
        {
            clusters.AddRow([
                c.Trace, c.Vms.Count.ToString(CultureInfo.InvariantCulture), c.Vms[0].Kind.ToString(), F(c.MeanCores, 1),
                $"{c.MinVmCores:0}-{c.MaxVmCores:0}", c.CoreChanges.ToString(CultureInfo.InvariantCulture),
                .. o.Users.Select(u => $"{mix.OfferedCores(u, o.ThinkSeconds):0} ({100 * mix.OfferedCores(u, o.ThinkSeconds) / c.MeanCores:0}%)"),
            ]);
        }

        AnsiConsole.Write(clusters);

        var table = new Table().Title("Points").AddColumns(
            "trace", "users", "policy", "invocations", "thr/s", "p50 ms", "p99 ms", "cold %", "overload %", "success %", "VMs/fn", "$/core-h", "$/h", "$/M inv", "inv/$");
        foreach (var p in result.Points.OrderBy(p => Index(o.Traces, p.Trace)).ThenBy(p => p.Users).ThenBy(p => Index(o.Policies, p.Policy)))
        {
            var s = p.Result.Stats;
            var cost = p.Cost;
            table.AddRow(
                p.Trace, p.Users.ToString(CultureInfo.InvariantCulture), p.Policy, s.Invocations.ToString("N0", CultureInfo.InvariantCulture),
                F(p.Result.Throughput, 2), F(p.P50Ms, 0), F(p.P99Ms, 0), F(p.ColdStartPct, 3), F(s.OverloadPct, 1), F(100 * s.SuccessRate, 2),
                F(s.MeanVmsPerFunction, 1), PriceByKind(cost), F(cost.DollarsPerHour, 2), F(cost.DollarsPerMillion, 2), F(cost.InvocationsPerDollar, 0));
        }

        AnsiConsole.Write(table);

        var ratios = new Table().Title("Ratios (MWS / JSQ and MWS / hashing)").AddColumns("trace", "users", "cold MWS/JSQ", "p99 MWS/hash", "p99 MWS/JSQ", "p50 MWS/hash");
        foreach (var trace in o.Traces)
        {
            foreach (var users in o.Users)
            {
                var mws = result.Find(trace, BalancingPolicyNames.MinWorkerSet, users);
                var hash = result.Find(trace, BalancingPolicyNames.OpenWhiskHash, users);
                var jsq = result.Find(trace, BalancingPolicyNames.JoinShortestQueue, users);
                ratios.AddRow(trace, users.ToString(CultureInfo.InvariantCulture), F(result.ColdStartRatio(trace, users), 2), F(result.P99Ratio(trace, users), 2),
                    F(Ratio(mws?.P99Ms, jsq?.P99Ms), 2), F(Ratio(mws?.P50Ms, hash?.P50Ms), 2));
            }

            ratios.AddRow(trace, "pooled", F(result.ColdStartRatio(trace), 2), "", "", "");
        }

        AnsiConsole.Write(ratios);
        PrintGoals(result.Goals());
    }

    public static void PrintGoals(IReadOnlyList<GoalCheck> goals)
    {
        foreach (var g in goals)
        {
            AnsiConsole.MarkupLine($"goal: {Markup.Escape(g.Goal)} [grey]({Markup.Escape(g.Where)})[/]: ratio {F(g.Ratio, 2)} (bound {F(g.Bound, 2)}) {Verdict(g.Holds)}");
        }
    }

    /// <summary>Writes <c>balancers.csv</c> and the charts into <paramref name="folder"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string folder, BalancersResult result)
    {
        var o = result.Options;
        var written = new List<string>
        {
            WriteCsv(
                Path.Combine(folder, "balancers.csv"),
                "trace,policy,users,invocations,succeeded,throughput_per_s,p50_ms,p95_ms,p99_ms,cold_start_pct,overload_pct,success_pct,vms_per_function,usd_per_core_hour,usd_per_hour,usd_per_million,invocations_per_usd,events,wall_s",
                result.Points.Select(p =>
                {
                    var s = p.Result.Stats;
                    var cost = p.Cost;
                    return new[]
                    {
                        p.Trace, p.Policy, p.Users.ToString(CultureInfo.InvariantCulture), s.Invocations.ToString(CultureInfo.InvariantCulture), s.Succeeded.ToString(CultureInfo.InvariantCulture),
                        Csv(p.Result.Throughput), Csv(p.P50Ms), Csv(s.Latency.Percentile(95)), Csv(p.P99Ms), Csv(p.ColdStartPct), Csv(s.OverloadPct), Csv(100 * s.SuccessRate),
                        Csv(s.MeanVmsPerFunction), Csv(cost.Dollars / (cost.RegularCoreHours + cost.HarvestCoreHours)), Csv(cost.DollarsPerHour),
                        Csv(cost.DollarsPerMillion), Csv(cost.InvocationsPerDollar), p.Result.Events.ToString(CultureInfo.InvariantCulture), Csv(p.Result.WallSeconds),
                    };
                })),
        };

        var mode = o.Mode == PolicyMode.Paper ? ", Paper mode" : "";
        foreach (var trace in o.Traces)
        {
            var points = result.Points.Where(p => p.Trace == trace).ToArray();
            LineChart.Series[] Lines(Func<BalancersPoint, double> y) =>
                [.. o.Policies.Select(policy => points.Where(p => p.Policy == policy).OrderBy(p => p.Users).ToArray())
                    .Where(ps => ps.Length > 0)
                    .Select(ps => new LineChart.Series(ps[0].Policy, [.. ps.Select(p => (double)p.Users)], [.. ps.Select(y)]))];

            written.Add(LineChart.Save(Path.Combine(folder, $"coldstart-{trace}.png"), $"{trace} (simulated{mode}): cold starts vs users", "closed-loop users", "cold starts (% of invocations that ran)", Lines(p => p.ColdStartPct)));
            written.Add(LineChart.Save(Path.Combine(folder, $"p99-{trace}.png"), $"{trace} (simulated{mode}): p99 latency vs users", "closed-loop users", "p99 latency of succeeded invocations (s)", Lines(p => p.P99Ms / 1000)));
            written.Add(Cdf(Path.Combine(folder, $"latency-cdf-{trace}.png"), $"{trace} (simulated{mode}), {o.Users.Max()} users: latency CDF", points.Where(p => p.Users == o.Users.Max())));
        }

        return written;
    }

    /// <summary>The figures for the run's JSON line.</summary>
    public static object Json(BalancersResult result) => new
    {
        command = "simulate balancers",
        mode = result.Options.Mode.ToString(),
        vms = result.Options.Vms,
        thinkSeconds = result.Options.ThinkSeconds,
        minutesPerPoint = result.Options.Duration.TotalMinutes,
        workScale = result.Options.WorkScale,
        meanExecutionSeconds = Round(result.Mix.MeanExecutionSeconds, 3),
        seed = result.Options.Seed,
        clusters = result.Clusters.Select(c => new { trace = c.Trace, vms = c.Vms.Count, meanCores = Round(c.MeanCores, 1), coreChanges = c.CoreChanges }),
        points = result.Points.Select(p => new
        {
            trace = p.Trace,
            policy = p.Policy,
            users = p.Users,
            invocations = p.Result.Stats.Invocations,
            throughputPerSec = Round(p.Result.Throughput, 3),
            p50Ms = Round(p.P50Ms, 1),
            p99Ms = Round(p.P99Ms, 1),
            coldStartPct = Round(p.ColdStartPct, 4),
            overloadPct = Round(p.Result.Stats.OverloadPct, 2),
            successPct = Round(100 * p.Result.Stats.SuccessRate, 4),
            failures = p.Result.Stats.FailuresByStatus,
            vmsPerFunction = Round(p.Result.Stats.MeanVmsPerFunction),
            cost = p.Cost.ToJson(),
        }),
        pooledColdStartPct = result.Options.Traces.ToDictionary(t => t, t => result.Options.Policies.ToDictionary(p => p, p => Round(result.PooledColdStartPct(t, p), 4))),
        goals = result.Goals().Select(g => new { goal = g.Goal, where = g.Where, ratio = Round(g.Ratio, 3), bound = g.Bound, holds = g.Holds }),
        wallSeconds = Round(result.WallSeconds, 1),
    };

    /// <summary>$ per core-hour of each kind the cluster has.</summary>
    public static string PriceByKind(CostFigures cost) => string.Join(' ', new[]
    {
        double.IsFinite(cost.RegularPerCoreHour) ? $"reg {cost.RegularPerCoreHour:0.0000}" : null,
        double.IsFinite(cost.HarvestPerCoreHour) ? $"hv {cost.HarvestPerCoreHour:0.0000}" : null,
    }.Where(s => s is not null));

    private static string Cdf(string path, string title, IEnumerable<BalancersPoint> points)
    {
        var plot = new Plot();
        foreach (var p in points)
        {
            var cdf = p.Result.Stats.Latency.Cdf().ToArray();
            if (cdf.Length > 0)
            {
                var line = plot.Add.ScatterLine(cdf.Select(c => Math.Log10(Math.Max(c.Value, 1))).ToArray(), cdf.Select(c => c.Fraction).ToArray());
                line.LegendText = p.Policy;
                line.LineWidth = 2;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = x => Math.Pow(10, x).ToString("#,0", CultureInfo.InvariantCulture),
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
        };
        plot.Title(title);
        plot.XLabel("end-to-end latency of succeeded invocations (ms, log scale)");
        plot.YLabel("fraction of invocations");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, 900, 520);
        return path;
    }

    private static int Index(IReadOnlyList<string> list, string item) => list.ToList().IndexOf(item);

    private static double Ratio(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d && d > 0 ? n / d : double.NaN;
}
