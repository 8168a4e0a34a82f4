using HarvestOrleans.Experiments.Traces;
using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>
/// A day of an Azure Functions 2019 trace as the simulator's input: one <see cref="SimFunctionSpec"/> per trace function
/// (execution time from its duration percentiles, memory from its app's memory row) and its invocations as a
/// time-ordered stream. Arrivals are made a minute at a time: the minute's counts at uniform random times within it,
/// sorted. Only one minute is ever held, so a day of ten million invocations streams in the memory of its busiest
/// minute; the same seed gives the same arrivals, and a minute's arrivals do not depend on where enumeration started.
/// </summary>
public sealed class Azure2019Workload
{
    private readonly IReadOnlyList<Azure2019Function> _trace;
    private readonly long _seed;

    /// <summary>The workload of <paramref name="trace"/> (a loaded day's functions); it keeps the trace, not a copy.</summary>
    public Azure2019Workload(IReadOnlyList<Azure2019Function> trace, TraceWorkloadOptions options)
    {
        options.Validate();
        _trace = trace;
        _seed = options.Seed;
        Minutes = trace.Count == 0 ? 0 : trace.Max(f => f.PerMinute.Length);
        Functions = [.. trace.Select((f, i) => TraceSpecs.Build(f.Id, Execution(f), MemoryOf(f, i, options), options))];
    }

    /// <summary>The trace's functions in trace order; <see cref="Arrival.Function"/> indexes this list.</summary>
    public IReadOnlyList<SimFunctionSpec> Functions { get; }

    /// <summary>Minute columns of the trace.</summary>
    public int Minutes { get; }

    /// <summary>The execution time of a trace function: its duration percentiles, or its average alone.</summary>
    public static PercentileDistribution Execution(Azure2019Function function) =>
        function.Duration?.Distribution() ?? PercentileDistribution.Constant(function.AverageMs);

    /// <summary>Invocations in minutes [<paramref name="startMinute"/>, +<paramref name="minutes"/>).</summary>
    public long Invocations(int startMinute, int minutes)
    {
        var end = CheckWindow(startMinute, minutes);
        long sum = 0;
        foreach (var function in _trace)
        {
            for (var m = startMinute; m < Math.Min(end, function.PerMinute.Length); m++)
            {
                sum += function.PerMinute[m];
            }
        }

        return sum;
    }

    /// <summary>
    /// The invocations of minutes [<paramref name="startMinute"/>, +<paramref name="minutes"/>) (0-based: minute 0 is
    /// the file's column "1") in time order, <see cref="Arrival.AtSeconds"/> counted from the window's start. Lazy:
    /// nothing is generated before enumeration, and each minute is generated when the previous one is used up.
    /// </summary>
    public IEnumerable<Arrival> Arrivals(int startMinute, int minutes)
    {
        var end = CheckWindow(startMinute, minutes);
        return Stream(startMinute, end);
    }

    private IEnumerable<Arrival> Stream(int startMinute, int end)
    {
        var times = new double[64];
        var functions = new int[64];
        for (var minute = startMinute; minute < end; minute++)
        {
            var count = 0;
            var random = SeededRandom.For(_seed, minute);
            var offset = (minute - startMinute) * 60.0;
            for (var f = 0; f < _trace.Count; f++)
            {
                var perMinute = _trace[f].PerMinute;
                var invocations = minute < perMinute.Length ? perMinute[minute] : 0;
                if (count + invocations > times.Length)
                {
                    var size = Math.Max(times.Length * 2, count + invocations);
                    Array.Resize(ref times, size);
                    Array.Resize(ref functions, size);
                }

                for (var i = 0; i < invocations; i++)
                {
                    times[count] = offset + (random.NextDouble() * 60);
                    functions[count++] = f;
                }
            }

            Array.Sort(times, functions, 0, count);
            for (var i = 0; i < count; i++)
            {
                yield return new Arrival(times[i], functions[i]);
            }
        }
    }

    private int CheckWindow(int startMinute, int minutes)
    {
        if (startMinute < 0 || minutes < 0 || startMinute + (long)minutes > Minutes)
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), $"minutes [{startMinute}, {startMinute + (long)minutes}) are not within the trace's {Minutes}.");
        }

        return startMinute + minutes;
    }

    private double MemoryOf(Azure2019Function function, int index, TraceWorkloadOptions options)
    {
        if (function.Memory is not { } memory)
        {
            return options.DefaultMemoryMb;
        }

        var distribution = memory.Distribution();
        var mb = options.Memory == TraceMemory.SampledFromApp
            ? distribution.Quantile(SeededRandom.For(options.Seed, -1 - index).NextDouble()) // a stream per function, apart from the minutes' streams
            : distribution.Median;
        return mb > 0 ? mb : options.DefaultMemoryMb; // a zero row (a logging fault) would make the function free to place
    }
}
