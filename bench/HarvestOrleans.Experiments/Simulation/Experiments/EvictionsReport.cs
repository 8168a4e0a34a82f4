using System.Globalization;
using Spectre.Console;
using static HarvestOrleans.Experiments.Simulation.Experiments.Figures;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>The evictions experiment's tables, files (CSV, charts) and JSON figures.</summary>
public static class EvictionsReport
{
    public static void Print(EvictionsResult result)
    {
        AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
        var o = result.Options;
        var mix = result.Mix;
        AnsiConsole.MarkupLineInterpolated($"[bold]simulate evictions[/]: {o.HarvestVms} Harvest VMs ({o.Trace} traces) + {o.RegularVms}+ regular VMs x {o.RegularCores:0} cores, {o.BalancingPolicy} ({o.Mode}), {o.Users} users thinking {o.ThinkSeconds:0.#} s, {o.Duration.TotalHours:0.##} simulated h per run, seed {o.Seed}; {result.WallSeconds:0.0} s wall");
        AnsiConsole.MarkupLineInterpolated($"workload: the paper's mix at work scale {o.WorkScale:0.##} + {o.LongShare:P0} {LongFunction.NAME} (30 s-1 h, mean {WeightedFunctions.Mean(LongFunction.Spec().ExecutionMs) / 60_000:0.0} min, not idempotent): long invocations take {LongFunction.ExecutionShare(mix):P0} of the execution time (Azure: >82%)");
        AnsiConsole.MarkupLineInterpolated($"evictions: exponential lifetimes (mean {o.Evictions.MeanLifetimeDays:0.#} days: P(> 1 day) = {Math.Exp(-1 / o.Evictions.MeanLifetimeDays):P1}, P(> 30 days) = {Math.Exp(-30 / o.Evictions.MeanLifetimeDays):P1}), {Notice(result):0} s notice ({o.Evictions.WithoutNoticeShare:P0} without), replaced after {o.Evictions.ReplacementDelaySeconds:0} s; the paper's rate is {result.PaperEvictionsPerDay:0.###} evictions per day on this cluster");

        var prices = result.Policies[0].Chosen.Cost;
        AnsiConsole.MarkupLineInterpolated($"cost model: regular ${prices.RegularPerCoreHour:0.0000}/core-h, Harvest ${prices.HarvestPerCoreHour:0.0000}/core-h (cores held at each moment, from join to loss)");
        var table = new Table().Title($"Per eviction policy, on the regular VMs it needs (SLO: other failures <= {o.SloFailurePct:0.###}%); extrapolated = this run's failures per eviction at the paper's {result.PaperEvictionsPerDay:0.###} evictions/day").AddColumns(
            "lifetime d", "policy", "reg VMs", "invocations", "success %", "evictions", "evict fail", "per evict", "other fail", "long inv", "long ok %", "long on hv %",
            "extrap evict fail /M", "extrap success %", "$/h", "$/M inv", "inv/$");
        foreach (var p in result.Policies)
        {
            var r = p.Chosen;
            var stressed = p.MeanLifetimeDays != o.Evictions.MeanLifetimeDays;
            table.AddRow(
                F(p.MeanLifetimeDays, 1), p.Policy, $"{r.RegularVms}{(p.MeetsSlo ? "" : " (SLO missed)")}", r.Stats.Invocations.ToString("N0", CultureInfo.InvariantCulture),
                F(100 * r.Stats.SuccessRate, 4), r.Evictions.ToString(CultureInfo.InvariantCulture), r.EvictionFailures.ToString(CultureInfo.InvariantCulture),
                F(r.FailuresPerEviction, 2), r.OtherFailures.ToString(CultureInfo.InvariantCulture), r.Long.Invocations.ToString("N0", CultureInfo.InvariantCulture), F(r.Long.SuccessPct, 3),
                F(r.Long.Invocations == 0 ? double.NaN : 100.0 * r.Long.OnHarvest / r.Long.Invocations, 1),
                stressed ? F(result.ExtrapolatedEvictionFailuresPerMillion(p), 2) : "-",
                stressed ? F(result.ExtrapolatedSuccessPct(p), 4) : "-",
                F(r.Cost.DollarsPerHour, 3), F(r.Cost.DollarsPerMillion, 2), F(r.Cost.InvocationsPerDollar, 0));
        }

        AnsiConsole.Write(table);

        var search = new Table().Title("The search: each policy's day at each regular VM count tried").AddColumns("lifetime d", "policy", "regular VMs", "success %", "eviction failures", "other failures", "other failures %", "$/h");
        foreach (var p in result.Policies)
        {
            foreach (var r in p.Searched)
            {
                search.AddRow(F(p.MeanLifetimeDays, 1), p.Policy, r.RegularVms.ToString(CultureInfo.InvariantCulture), F(100 * r.Stats.SuccessRate, 4),
                    r.EvictionFailures.ToString(CultureInfo.InvariantCulture), Markup.Escape(OtherFailures(r)), F(r.OtherFailurePct, 3), F(r.Cost.DollarsPerHour, 3));
            }
        }

        AnsiConsole.Write(search);
    }

    /// <summary>Writes <c>evictions.csv</c> and the charts into <paramref name="folder"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string folder, EvictionsResult result)
    {
        var csv = WriteCsv(
            Path.Combine(folder, "evictions.csv"),
            "lifetime_days,policy,regular_vms,chosen,invocations,succeeded,success_pct,evictions,eviction_failures,failures_per_eviction,other_failures,long_invocations,long_success_pct,long_on_harvest,p99_ms,extrapolated_eviction_failures_per_million,extrapolated_success_pct,usd_per_hour,usd_per_million,invocations_per_usd,regular_core_hours,harvest_core_hours",
            result.Policies.SelectMany(p => p.Searched.Select(r => new[]
            {
                Csv(p.MeanLifetimeDays), p.Policy, r.RegularVms.ToString(CultureInfo.InvariantCulture), (r == p.Chosen).ToString(), r.Stats.Invocations.ToString(CultureInfo.InvariantCulture),
                r.Stats.Succeeded.ToString(CultureInfo.InvariantCulture), Csv(100 * r.Stats.SuccessRate), r.Evictions.ToString(CultureInfo.InvariantCulture),
                r.EvictionFailures.ToString(CultureInfo.InvariantCulture), Csv(r.FailuresPerEviction), r.OtherFailures.ToString(CultureInfo.InvariantCulture),
                r.Long.Invocations.ToString(CultureInfo.InvariantCulture), Csv(r.Long.SuccessPct), r.Long.OnHarvest.ToString(CultureInfo.InvariantCulture),
                Csv(r.Stats.Latency.Percentile(99)),
                r == p.Chosen && p.MeanLifetimeDays != result.Options.Evictions.MeanLifetimeDays ? Csv(result.ExtrapolatedEvictionFailuresPerMillion(p)) : "",
                r == p.Chosen && p.MeanLifetimeDays != result.Options.Evictions.MeanLifetimeDays ? Csv(result.ExtrapolatedSuccessPct(p)) : "",
                Csv(r.Cost.DollarsPerHour), Csv(r.Cost.DollarsPerMillion), Csv(r.Cost.InvocationsPerDollar), Csv(r.Cost.RegularCoreHours), Csv(r.Cost.HarvestCoreHours),
            })));
        var files = new List<string> { csv };
        foreach (var lifetime in EvictionsExperiment.Lifetimes(result.Options))
        {
            var policies = result.At(lifetime).ToArray();
            files.Add(Bars(
                Path.Combine(folder, $"evictions-{lifetime.ToString("0.##", CultureInfo.InvariantCulture)}d.png"),
                $"{result.Options.Duration.TotalHours:0.##} h, mean Harvest VM lifetime {lifetime:0.##} d (simulated): failures and cost per eviction policy",
                policies));
        }

        return files;
    }

    public static object Json(EvictionsResult result) => new
    {
        command = "simulate evictions",
        balancing = result.Options.BalancingPolicy,
        mode = result.Options.Mode.ToString(),
        harvestVms = result.Options.HarvestVms,
        hours = result.Options.Duration.TotalHours,
        users = result.Options.Users,
        workScale = result.Options.WorkScale,
        longShare = result.Options.LongShare,
        longExecutionShare = Round(LongFunction.ExecutionShare(result.Mix), 4),
        paperEvictionsPerDay = Round(result.PaperEvictionsPerDay, 4),
        sloFailurePct = result.Options.SloFailurePct,
        seed = result.Options.Seed,
        policies = result.Policies.Select(p => new
        {
            policy = p.Policy,
            meanLifetimeDays = p.MeanLifetimeDays,
            regularVms = p.Chosen.RegularVms,
            meetsSlo = p.MeetsSlo,
            invocations = p.Chosen.Stats.Invocations,
            successPct = Round(100 * p.Chosen.Stats.SuccessRate, 5),
            evictions = p.Chosen.Evictions,
            evictionFailures = p.Chosen.EvictionFailures,
            failuresPerEviction = Round(p.Chosen.FailuresPerEviction, 3),
            otherFailures = p.Chosen.OtherFailures,
            failures = p.Chosen.Stats.FailuresByStatus,
            longInvocations = p.Chosen.Long.Invocations,
            longSuccessPct = Round(p.Chosen.Long.SuccessPct, 4),
            longOnHarvest = p.Chosen.Long.OnHarvest,
            extrapolatedEvictionFailuresPerMillion = p.MeanLifetimeDays == result.Options.Evictions.MeanLifetimeDays ? -1 : Round(result.ExtrapolatedEvictionFailuresPerMillion(p), 3),
            extrapolatedSuccessPct = p.MeanLifetimeDays == result.Options.Evictions.MeanLifetimeDays ? -1 : Round(result.ExtrapolatedSuccessPct(p), 5),
            atBase = new { regularVms = p.AtBase.RegularVms, successPct = Round(100 * p.AtBase.Stats.SuccessRate, 5), otherFailures = p.AtBase.OtherFailures },
            cost = p.Chosen.Cost.ToJson(),
        }),
        wallSeconds = Round(result.WallSeconds, 1),
    };

    private static double Notice(EvictionsResult result) =>
        result.Policies.SelectMany(p => p.Chosen.Vms).FirstOrDefault(v => !v.IsRegular)?.NoticeSeconds ?? double.NaN;

    private static string OtherFailures(EvictionsRun run) =>
        run.OtherFailures == 0 ? "0" : string.Join(' ', run.Stats.FailuresByStatus.Where(f => !f.Key.StartsWith("Evicted", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));

    /// <summary>Per policy: eviction failures and other failures per million invocations, and the cluster's $/h.</summary>
    private static string Bars(string path, string title, IReadOnlyList<EvictionsPolicy> policies)
    {
        var plot = new ScottPlot.Plot();
        var evictionBars = policies.Select((p, i) => new ScottPlot.Bar { Position = (i * 4) + 0, Value = PerMillion(p.Chosen.EvictionFailures, p.Chosen), FillColor = ScottPlot.Colors.OrangeRed }).ToList();
        var otherBars = policies.Select((p, i) => new ScottPlot.Bar { Position = (i * 4) + 1, Value = PerMillion(p.Chosen.OtherFailures, p.Chosen), FillColor = ScottPlot.Colors.SteelBlue }).ToList();
        var costBars = policies.Select((p, i) => new ScottPlot.Bar { Position = (i * 4) + 2, Value = p.Chosen.Cost.DollarsPerHour * 100, FillColor = ScottPlot.Colors.SeaGreen }).ToList();
        plot.Add.Bars(evictionBars).LegendText = "eviction failures per million invocations";
        plot.Add.Bars(otherBars).LegendText = "other failures per million invocations";
        plot.Add.Bars(costBars).LegendText = "cluster cost, cents per hour";
        plot.Axes.Bottom.SetTicks([.. policies.Select((_, i) => (i * 4) + 1.0)], [.. policies.Select(p => $"{p.Policy}\n{p.Chosen.RegularVms} regular VMs")]);
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.ShowLegend(ScottPlot.Edge.Bottom);
        plot.SavePng(path, 900, 520);
        return path;
    }

    private static double PerMillion(long count, EvictionsRun run) => run.Stats.Invocations == 0 ? 0 : 1e6 * count / run.Stats.Invocations;
}
