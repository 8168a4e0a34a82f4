using ScottPlot;

namespace HarvestOrleans.Experiments.Comparison;

/// <summary>One cell's cores and cores in use per VM over time, as a PNG (live comparison and simulator alike).</summary>
internal static class LoadChart
{
    public static string Write(string path, string title, IEnumerable<(double AtSeconds, string VmId, double Cores, double CoresInUse)> samples, int maxVms = int.MaxValue)
    {
        var load = new Plot();
        foreach (var vm in samples.GroupBy(s => s.VmId).OrderBy(g => g.Key, StringComparer.Ordinal).Take(maxVms))
        {
            var times = vm.Select(s => s.AtSeconds).ToArray();
            var cores = load.Add.ScatterLine(times, vm.Select(s => s.Cores).ToArray());
            cores.LegendText = $"{vm.Key} cores";
            var used = load.Add.ScatterLine(times, vm.Select(s => s.CoresInUse).ToArray());
            used.LegendText = $"{vm.Key} in use";
            used.Color = cores.Color;
            used.LinePattern = LinePattern.Dotted;
        }

        load.Title(title);
        load.XLabel("time (s)");
        load.YLabel("cores");
        load.ShowLegend(Alignment.UpperRight);
        load.SavePng(path, 900, 520);
        return path;
    }
}
