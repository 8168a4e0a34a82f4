using HarvestOrleans.Experiments.Traces;
using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>
/// An Azure Functions 2021 trace (one row per invocation) as the simulator's input: one <see cref="SimFunctionSpec"/>
/// per function, its execution time the percentiles (p0/1/25/50/75/99/100, as the 2019 trace gives them) of its
/// observed durations, and its invocations in start order. The trace has no memory: every function gets the default.
/// </summary>
public sealed class Azure2021Workload
{
    private static readonly double[] Percentiles = [0, 1, 25, 50, 75, 99, 100];

    // Invocations by start time: 12 bytes each next to the parsed trace, so a window is found by binary search.
    private readonly double[] _starts;
    private readonly int[] _functions;

    /// <summary>The workload of <paramref name="trace"/> (a loaded file, in any row order).</summary>
    public Azure2021Workload(IReadOnlyList<Azure2021Invocation> trace, TraceWorkloadOptions options)
    {
        options.Validate();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var durations = new List<List<double>>();
        _starts = new double[trace.Count];
        _functions = new int[trace.Count];
        for (var i = 0; i < trace.Count; i++)
        {
            var invocation = trace[i];
            if (!index.TryGetValue(invocation.Id, out var f))
            {
                index[invocation.Id] = f = durations.Count;
                durations.Add([]);
            }

            durations[f].Add(invocation.DurationSeconds * 1000);
            _starts[i] = invocation.StartSeconds;
            _functions[i] = f;
        }

        // The file is in end order; start order differs where durations differ. Ties keep a fixed (sort-defined) order.
        Array.Sort(_starts, _functions);
        var names = index.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        Functions = [.. durations.Select((observed, f) =>
        {
            observed.Sort();
            var execution = new PercentileDistribution(Percentiles.Select(p => (p, TraceSpecs.Percentile(observed, p))));
            return TraceSpecs.Build(names[f], execution, options.DefaultMemoryMb, options);
        })];
    }

    /// <summary>The trace's functions in order of first appearance in the file; <see cref="Arrival.Function"/> indexes this list.</summary>
    public IReadOnlyList<SimFunctionSpec> Functions { get; }

    /// <summary>Invocations starting in [<paramref name="startSeconds"/>, +<paramref name="seconds"/>).</summary>
    public int Invocations(double startSeconds, double seconds)
    {
        var (first, end) = Window(startSeconds, seconds);
        return end - first;
    }

    /// <summary>
    /// Invocations starting in [<paramref name="startSeconds"/>, +<paramref name="seconds"/>) in start order,
    /// <see cref="Arrival.AtSeconds"/> counted from <paramref name="startSeconds"/>. Lazy.
    /// </summary>
    public IEnumerable<Arrival> Arrivals(double startSeconds, double seconds)
    {
        var (first, end) = Window(startSeconds, seconds);
        return Stream(startSeconds, first, end);
    }

    private IEnumerable<Arrival> Stream(double startSeconds, int first, int end)
    {
        for (var i = first; i < end; i++)
        {
            yield return new Arrival(_starts[i] - startSeconds, _functions[i]);
        }
    }

    private (int First, int End) Window(double startSeconds, double seconds)
    {
        if (!(startSeconds >= 0) || !(seconds >= 0) || !double.IsFinite(startSeconds + seconds))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), $"[{startSeconds}, +{seconds}) is not a window of seconds.");
        }

        return (LowerBound(startSeconds), LowerBound(startSeconds + seconds));
    }

    /// <summary>The first index whose start is at or after <paramref name="seconds"/>.</summary>
    private int LowerBound(double seconds)
    {
        int low = 0, high = _starts.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_starts[mid] < seconds)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
