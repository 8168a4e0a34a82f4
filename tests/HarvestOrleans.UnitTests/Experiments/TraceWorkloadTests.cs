using HarvestOrleans.Experiments.Traces;
using HarvestOrleans.Experiments.Workloads.Synthetic;
using HarvestOrleans.Simulation.Inputs;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.UnitTests.Experiments;

/// <summary>Azure traces as simulator input: function specs from their percentiles, arrivals streamed in time order.</summary>
[Trait("Category", "Unit")]
public sealed class TraceWorkloadTests : IDisposable
{
    private static readonly TraceWorkloadOptions Options = new(ColdStartMs: 800) { Seed = 42 };

    private readonly string _dir = Directory.CreateTempSubdirectory("harvest-workload-").FullName;

    private Azure2019Day GeneratedDay(int functions, long seed = 1)
    {
        var folder = Path.Combine(_dir, $"gen-{functions}-{seed}");
        Azure2019Generator.Write(folder, new Azure2019GeneratorOptions { Functions = functions, Seed = seed });
        return Azure2019Trace.Load(Azure2019Files.InFolder(folder));
    }

    [Fact]
    public void Arrivals_come_in_time_order_with_each_minutes_counts_from_the_file()
    {
        var day = GeneratedDay(300);
        var workload = new Azure2019Workload(day.Functions, Options);

        var arrivals = workload.Arrivals(startMinute: 600, minutes: 30).ToList();

        Assert.Equal(workload.Invocations(600, 30), arrivals.Count);
        Assert.True(arrivals.Count > 1000);
        Assert.True(arrivals.Zip(arrivals.Skip(1)).All(p => p.First.AtSeconds <= p.Second.AtSeconds));
        Assert.All(arrivals, a => Assert.InRange(a.AtSeconds, 0, 1800));
        var counted = arrivals.GroupBy(a => ((int)(a.AtSeconds / 60), a.Function)).ToDictionary(g => g.Key, g => g.Count());
        for (var m = 0; m < 30; m++)
        {
            for (var f = 0; f < day.Functions.Count; f++)
            {
                Assert.Equal(day.Functions[f].PerMinute[600 + m], counted.GetValueOrDefault((m, f)));
            }
        }
    }

    [Fact]
    public void Arrivals_are_the_same_for_a_seed_whatever_minute_enumeration_starts_at()
    {
        var day = GeneratedDay(100);
        var workload = new Azure2019Workload(day.Functions, Options);

        var twoMinutes = workload.Arrivals(100, 2).ToList();
        var secondOnly = workload.Arrivals(101, 1).ToList();
        var again = new Azure2019Workload(day.Functions, Options).Arrivals(100, 2).ToList();
        var otherSeed = new Azure2019Workload(day.Functions, Options with { Seed = 43 }).Arrivals(100, 2).ToList();

        Assert.Equal(twoMinutes, again);
        Assert.Equal(twoMinutes.Where(a => a.AtSeconds >= 60).Select(a => a with { AtSeconds = a.AtSeconds - 60 }), secondOnly, new ArrivalComparer());
        Assert.NotEqual(twoMinutes, otherSeed);
    }

    [Fact]
    public void A_high_count_day_streams_in_bounded_memory()
    {
        // 150 functions at 20 a minute: 4.3 million invocations, 69 MB as a list of arrivals. Streamed, only the busiest
        // minute (3,000 arrivals) is held.
        var trace = Enumerable.Range(0, 150)
            .Select(i => new Azure2019Function("o", $"a{i % 10}", $"f{i}", "http", Enumerable.Repeat(20, Azure2019Format.MINUTES_PER_DAY).ToArray(), 100))
            .ToList();
        var workload = new Azure2019Workload(trace, Options);

        var arrivals = workload.Arrivals(0, Azure2019Format.MINUTES_PER_DAY);
        var before = GC.GetAllocatedBytesForCurrentThread();
        long count = 0;
        var last = 0.0;
        var ordered = true;
        foreach (var arrival in arrivals)
        {
            ordered &= arrival.AtSeconds >= last;
            last = arrival.AtSeconds;
            count++;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(150L * 20 * Azure2019Format.MINUTES_PER_DAY, count);
        Assert.True(ordered);
        Assert.InRange(last, 86_340, 86_400);
        Assert.True(allocated < 1_000_000, $"enumeration allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Specs_take_execution_from_the_percentiles_memory_from_the_app_and_flag_long_functions()
    {
        var memory = new Azure2019AppMemory(100, 300, [(1, 100), (50, 320), (100, 500)]);
        var fast = new Azure2019Function("o", "a", "fast", "http", [1], 90)
        {
            Duration = new Azure2019Duration(90, 1, 5, 900, [(0, 5), (25, 50), (50, 90), (99, 800), (100, 900)]),
            Memory = memory,
        };
        var slow = new Azure2019Function("o", "a", "slow", "queue", [1], 40_000)
        {
            Duration = new Azure2019Duration(40_000, 1, null, null, [(0, 30_000), (50, 40_000), (99, 400_000), (100, 600_000)]),
            Memory = memory,
        };
        var bare = new Azure2019Function("o", "b", "bare", "timer", [1], 250);

        var specs = new Azure2019Workload([fast, slow, bare], Options with { UsedCores = 0.5 }).Functions;

        Assert.Equal(["o/a/fast", "o/a/slow", "o/b/bare"], specs.Select(s => s.Name));
        Assert.Equal((5.0, 90.0, 900.0), (specs[0].ExecutionMs.Quantile(0), specs[0].ExecutionMs.Median, specs[0].ExecutionMs.Quantile(1)));
        Assert.Equal((320.0, 320.0, 256.0), (specs[0].MemoryMb, specs[1].MemoryMb, specs[2].MemoryMb));
        Assert.Equal((false, true, false), (specs[0].LongRunning, specs[1].LongRunning, specs[2].LongRunning));
        Assert.Equal(250, specs[2].ExecutionMs.Quantile(0.99));
        Assert.All(specs, s => Assert.Equal((800.0, 1.0, 0.5), (s.ColdStartMs, s.DeclaredCores, s.UsedCores)));
        Assert.Equal(300_000, specs[0].TimeoutMs);
        Assert.Equal(600_000, specs[1].TimeoutMs); // the trace saw it finish: no timeout below its maximum

        var sampled = new Azure2019Workload([fast, slow, bare], Options with { Memory = TraceMemory.SampledFromApp }).Functions;
        var again = new Azure2019Workload([fast, slow, bare], Options with { Memory = TraceMemory.SampledFromApp }).Functions;
        Assert.Equal(sampled.Select(s => s.MemoryMb), again.Select(s => s.MemoryMb));
        Assert.All(sampled.Take(2), s => Assert.InRange(s.MemoryMb, 100, 500));
        Assert.NotEqual(sampled[0].MemoryMb, sampled[1].MemoryMb);
    }

    [Fact]
    public void A_2021_trace_gives_specs_of_observed_durations_and_arrivals_in_start_order()
    {
        var trace = Azure2021Trace.Load(Path.Combine(RepoPaths.Root, "samples", "traces", "azure2021", "invocations.csv"));
        var workload = new Azure2021Workload(trace, Options);

        var arrivals = workload.Arrivals(startSeconds: 60, seconds: 120).ToList();

        Assert.Equal(trace.Select(i => i.Id).Distinct().Count(), workload.Functions.Count);
        Assert.Equal(trace.Count(i => i.StartSeconds >= 60 && i.StartSeconds < 180), arrivals.Count);
        Assert.Equal(arrivals.Count, workload.Invocations(60, 120));
        Assert.True(arrivals.Zip(arrivals.Skip(1)).All(p => p.First.AtSeconds <= p.Second.AtSeconds));
        Assert.All(arrivals, a => Assert.InRange(a.AtSeconds, 0, 120));
        foreach (var (spec, observed) in workload.Functions.Select(s => (s, trace.Where(i => i.Id == s.Name).Select(i => i.DurationSeconds * 1000).Order().ToArray())))
        {
            Assert.Equal(observed[0], spec.ExecutionMs.Quantile(0), precision: 6);
            Assert.Equal(observed[^1], spec.ExecutionMs.Quantile(1), precision: 6);
            Assert.InRange(spec.ExecutionMs.Median, observed[0], observed[^1]);
            Assert.Equal(256, spec.MemoryMb);
        }

        var first = trace.Where(i => i.StartSeconds >= 60 && i.StartSeconds < 180).MinBy(i => i.StartSeconds)!;
        Assert.Equal(first.StartSeconds - 60, arrivals[0].AtSeconds, precision: 9);
        Assert.Equal(first.Id, workload.Functions[arrivals[0].Function].Name);
    }

    [Fact]
    public void Windows_outside_the_trace_are_refused_before_enumeration()
    {
        var workload = new Azure2019Workload(GeneratedDay(20).Functions, Options);

        Assert.Throws<ArgumentOutOfRangeException>(() => workload.Arrivals(1430, 11));
        Assert.Throws<ArgumentOutOfRangeException>(() => workload.Arrivals(-1, 1));
        Assert.Throws<ArgumentException>(() => new Azure2019Workload([], new TraceWorkloadOptions(ColdStartMs: -1)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class ArrivalComparer : IEqualityComparer<Arrival>
    {
        public bool Equals(Arrival x, Arrival y) => x.Function == y.Function && Math.Abs(x.AtSeconds - y.AtSeconds) < 1e-9;

        public int GetHashCode(Arrival obj) => obj.Function;
    }
}
