namespace HarvestOrleans.Experiments;

/// <summary>The nearest-rank percentile every benchmark and experiment quotes, in one place.</summary>
public static class NearestRank
{
    /// <summary>The nearest-rank <paramref name="quantile"/> (in [0, 1]) of <paramref name="sorted"/>; <paramref name="empty"/> when there is none.</summary>
    public static double Of(IReadOnlyList<double> sorted, double quantile, double empty = double.NaN) =>
        sorted.Count == 0 ? empty : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
}
