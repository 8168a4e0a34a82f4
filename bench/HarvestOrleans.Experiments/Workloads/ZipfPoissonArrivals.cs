namespace HarvestOrleans.Experiments.Workloads;

/// <summary>
/// Open-loop arrivals of many functions: each function's are Poisson, at Zipf-skewed rates (the k-th function's rate
/// is proportional to 1/k^skew) summing to a total. Drawn function by function from one generator, so a seed gives the
/// same arrivals everywhere.
/// </summary>
public static class ZipfPoissonArrivals
{
    /// <summary>Each function's arrival times (seconds, ascending) in [0, <paramref name="seconds"/>).</summary>
    public static double[][] Generate(int functions, double totalRps, double skew, double seconds, Random random)
    {
        var weights = Enumerable.Range(1, functions).Select(k => 1 / Math.Pow(k, skew)).ToArray();
        var sum = weights.Sum();
        var arrivals = new double[functions][];
        for (var f = 0; f < functions; f++)
        {
            var rate = totalRps * weights[f] / sum;
            var times = new List<double>();
            for (var t = -Math.Log(1 - random.NextDouble()) / rate; t < seconds; t += -Math.Log(1 - random.NextDouble()) / rate)
            {
                times.Add(t);
            }

            arrivals[f] = [.. times];
        }

        return arrivals;
    }
}
