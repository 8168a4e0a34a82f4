using HarvestOrleans.Experiments.Workloads.Synthetic;
using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Simulation.Resources;

/// <summary>
/// The Freyr evaluation's workload, in the simulator (issue 16 §5): the FunctionBench suite's functions with their
/// costs measured on the live runtime, inputs of varying size per invocation (each run's work drawn between a quarter
/// and four times the measured median), replaying 60 minutes of Azure 2019-format per-minute counts (the busiest
/// functions of a day from <see cref="Azure2019Generator"/>, one per suite function), with the users' configurations
/// over-provisioned for some functions, right-sized for others and under-provisioned for the parallel one, as the paper
/// mixes them. Peak memory is the generated trace's app memory (Azure 2019's published distribution); the suite's
/// measured figures have no peak (a live record's allocated bytes are not one).
/// </summary>
public sealed class FreyrWorkload
{
    /// <summary>Minutes of the day replayed.</summary>
    public const int DEFAULT_MINUTES = 60;

    /// <summary>
    /// Cores the parallel suite function (<c>matmul</c>, <c>Parallel.For</c> over rows) can keep busy. Measured live it
    /// used 1.73 cores of 2 and 1.79 of 4 (bench/README, <c>cores</c>), limited by the machine's 2 cores; 4 is what its
    /// row loop offers on the simulated 8-core VMs (an assumption, stated here).
    /// </summary>
    public const double MATMUL_PARALLEL_CORES = 4;

    private static readonly (double Percentile, double Size)[] InputSizes = [(0, 0.25), (25, 0.6), (50, 1), (75, 1.6), (99, 3.5), (100, 4)];

    /// <summary>
    /// How much work one invocation's input asks for, against the suite function's default input (1): the spread the
    /// simulated execution times are drawn from, and what the live evaluation draws each invocation's input size from.
    /// </summary>
    public static PercentileDistribution InputSize { get; } = new(InputSizes);

    private FreyrWorkload(IReadOnlyList<string> suiteFunctions, IReadOnlyList<SimFunctionSpec> functions, IReadOnlyList<Provisioning> provisioning, IReadOnlyList<Arrival> arrivals, double seconds)
    {
        SuiteFunctions = suiteFunctions;
        Functions = functions;
        Provisioning = provisioning;
        Arrivals = arrivals;
        Seconds = seconds;
    }

    /// <summary>The suite function each of <see cref="Functions"/> runs (its name in <c>FunctionBenchSuite</c>).</summary>
    public IReadOnlyList<string> SuiteFunctions { get; }

    /// <summary>One simulated function per suite function, configured as <see cref="Provisioning"/> says.</summary>
    public IReadOnlyList<SimFunctionSpec> Functions { get; }

    /// <summary>How each function of <see cref="Functions"/> is configured.</summary>
    public IReadOnlyList<Provisioning> Provisioning { get; }

    /// <summary>The invocations, in time order.</summary>
    public IReadOnlyList<Arrival> Arrivals { get; }

    /// <summary>The replayed span.</summary>
    public double Seconds { get; }

    /// <param name="seed">Seeds the generated day and its arrivals.</param>
    /// <param name="minutes">Minutes replayed, from the day's first.</param>
    /// <param name="invocationsPerMinute">The mean rate the replay is thinned to, at most (over all functions).</param>
    public static FreyrWorkload Create(long seed = 2019, int minutes = DEFAULT_MINUTES, double invocationsPerMinute = 3000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minutes, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(invocationsPerMinute);
        var suite = FunctionBenchCosts.LoadEmbedded().Where(f => f.Name != "synthetic").OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        // A day busy enough that its ten busiest functions reach the wanted rate (they hold a large share of it).
        var day = Azure2019Generator.Generate(new Azure2019GeneratorOptions { Functions = 200, Seed = seed, DailyInvocations = (long)(invocationsPerMinute * 1440 * 2) });
        var busiest = day.OrderByDescending(f => f.PerMinute.Take(minutes).Sum()).ThenBy(f => f.Id, StringComparer.Ordinal).Take(suite.Length).ToArray();
        var traced = new Azure2019Workload(busiest, new TraceWorkloadOptions(0) { Seed = seed });
        var all = traced.Arrivals(0, minutes).ToArray();

        // Thin or repeat the day's arrivals to the wanted rate, keeping their times and functions.
        var wanted = (long)Math.Round(invocationsPerMinute * minutes);
        var random = new Random((int)(seed % int.MaxValue));
        var arrivals = all.Length == 0 ? [] : all.Where(_ => random.NextDouble() < Math.Min(1, (double)wanted / all.Length)).ToList();

        var functions = new List<SimFunctionSpec>();
        var provisioning = new List<Provisioning>();
        for (var i = 0; i < suite.Length; i++)
        {
            var spec = suite[i];
            var parallel = spec.Name == "matmul";
            var kind = parallel ? Resources.Provisioning.Under : i % 2 == 0 ? Resources.Provisioning.Over : Resources.Provisioning.Right;
            var peakMb = Math.Max(64, busiest[i].Memory?.Distribution().Median ?? spec.MemoryMb / 2);
            var parallelism = parallel ? MATMUL_PARALLEL_CORES : Math.Max(spec.UsedCores, 0.1);
            var (cores, memory) = kind switch
            {
                Resources.Provisioning.Over => (2 * Math.Ceiling(parallelism), 2 * peakMb),
                Resources.Provisioning.Under => (1.0, peakMb + 64),
                _ => (Math.Ceiling(parallelism), peakMb + 64),
            };
            var execution = new PercentileDistribution(InputSizes.Select(p => (p.Percentile, spec.ExecutionMs.Median * p.Size * Slowdown(parallelism, spec.DeclaredCores, cores))));
            functions.Add(spec with
            {
                Name = $"{spec.Name}-{kind.ToString().ToLowerInvariant()}",
                ExecutionMs = execution,
                DeclaredCores = cores,
                UsedCores = Math.Min(cores, parallelism),
                MemoryMb = Math.Round(memory),
                ParallelCores = parallelism,
                PeakMemoryMb = Math.Round(peakMb),
            });
            provisioning.Add(kind);
        }

        return new FreyrWorkload([.. suite.Select(f => f.Name)], functions, provisioning, arrivals, minutes * 60.0);
    }

    /// <summary>The measured time was on <paramref name="measuredOn"/> cores; this is its factor on <paramref name="cores"/>.</summary>
    private static double Slowdown(double parallelism, double measuredOn, double cores) => Math.Min(measuredOn, parallelism) / Math.Min(cores, parallelism);
}
