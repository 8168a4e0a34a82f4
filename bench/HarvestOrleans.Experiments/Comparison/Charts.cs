using ScottPlot;

namespace HarvestOrleans.Experiments.Comparison;

/// <summary>PNG charts: a latency CDF per scenario (one line per policy), and cores and load per VM over time per cell.</summary>
internal static class Charts
{
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<CellResult> cells)
    {
        var written = new List<string>();
        foreach (var scenario in cells.GroupBy(c => c.Scenario))
        {
            var plot = new Plot();
            foreach (var cell in scenario)
            {
                var latencies = cell.SucceededLatencies.ToArray();
                if (latencies.Length == 0)
                {
                    continue;
                }

                var fractions = latencies.Select((_, i) => (i + 1.0) / latencies.Length).ToArray();
                var line = plot.Add.ScatterLine(latencies, fractions);
                line.LegendText = cell.Policy;
                line.LineWidth = 2;
            }

            plot.Title($"{scenario.Key}: latency CDF (succeeded invocations)");
            plot.XLabel("end-to-end latency (ms)");
            plot.YLabel("fraction of invocations");
            plot.ShowLegend(Alignment.LowerRight);
            var path = Path.Combine(folder, $"latency-cdf-{scenario.Key}.png");
            plot.SavePng(path, 900, 520);
            written.Add(path);

            foreach (var cell in scenario)
            {
                var loadPath = LoadChart.Write(
                    Path.Combine(folder, $"load-{cell.Scenario}-{cell.Policy}.png"),
                    $"{cell.Scenario} / {cell.Policy}: cores and cores in use per VM",
                    cell.Samples.Select(v => (v.AtSeconds, v.VmId, v.Cores, v.CoresInUse)));
                written.Add(loadPath);
            }
        }

        return written;
    }
}
