namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// Runs independent simulations side by side. Each run is single-threaded and deterministic for its seed, so the
/// results do not depend on the degree of parallelism, only the wall time does.
/// </summary>
public static class ParallelRuns
{
    /// <summary>The default degree: every processor (the runs share nothing).</summary>
    public static int DefaultDegree => Environment.ProcessorCount;

    /// <summary><paramref name="run"/> of every item, in the items' order, at most <paramref name="degree"/> at a time.</summary>
    public static IReadOnlyList<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, int degree, Func<TItem, TResult> run)
    {
        var results = new TResult[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, degree) }, i => results[i] = run(items[i]));
        return results;
    }
}
