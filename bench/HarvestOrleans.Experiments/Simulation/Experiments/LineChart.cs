using ScottPlot;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>A PNG line chart with one line (and markers) per series, as the comparison's charts are drawn (ScottPlot).</summary>
public static class LineChart
{
    /// <summary>One line: its legend and its points; <paramref name="MarkersOnly"/> draws points a line would misrepresent (e.g. the ends of a published range).</summary>
    public sealed record Series(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool MarkersOnly = false);

    /// <summary>Writes the chart to <paramref name="path"/> (900 × 520), skipping points that are not finite; the y axis starts at 0.</summary>
    public static string Save(string path, string title, string xLabel, string yLabel, IEnumerable<Series> series)
    {
        var plot = new Plot();
        var top = 0.0;
        foreach (var s in series)
        {
            var points = s.X.Zip(s.Y).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(points.Select(p => p.First).ToArray(), points.Select(p => p.Second).ToArray());
            line.LegendText = s.Name;
            line.LineWidth = s.MarkersOnly ? 0 : 2;
            line.MarkerSize = s.MarkersOnly ? 12 : 6;
            top = Math.Max(top, points.Max(p => p.Second));
        }

        plot.Axes.SetLimitsY(0, top > 0 ? top * 1.08 : 1);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, 900, 520);
        return path;
    }
}
