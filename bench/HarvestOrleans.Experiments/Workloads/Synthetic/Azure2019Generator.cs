using HarvestOrleans.Experiments.Traces;
using static HarvestOrleans.Experiments.Workloads.Synthetic.Azure2019Calibration;

namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>
/// A day of invocations with the published characteristics of the Azure Functions workload
/// (<see cref="Azure2019Calibration"/>), in the 2019 dataset's own files, so the command that reads a generated day
/// reads the real one. Distributions are drawn stratified (one draw per equal-probability slice, in random order),
/// so even a few hundred apps follow the published curves closely. Deterministic: the same options give the same bytes.
/// </summary>
public static class Azure2019Generator
{
    private const int MINUTES = Azure2019Format.MINUTES_PER_DAY;

    /// <summary>Up to this many invocations a function's minutes are drawn one invocation at a time; above, a minute at a time.</summary>
    private const long EXACT_PLACEMENT_LIMIT = 30_000;

    /// <summary>Assumption: the share of apps whose owner (subscription) also owns the app before them.</summary>
    private const double SHARED_OWNER = 0.2;

    private static readonly double[] DurationZ = [.. new[] { 0.01, 0.25, 0.5, 0.75, 0.99 }.Select(StandardNormal.InverseCdf)];

    private static readonly double[] MemoryZ = [.. new[] { 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99 }.Select(StandardNormal.InverseCdf)];

    // An app's maximum memory is its average times a power of the average, through Fig. 8's two published maxima
    // (the median and 90th percentile apps): bigger apps swing more.
    private static readonly double MedianAverageMb = MemoryAverageQuantile(0.5);
    private static readonly double MaxToAverageAtMedian = MAX_MEMORY_P50_MB / MedianAverageMb;
    private static readonly double MaxToAverageExponent =
        Math.Log(MAX_MEMORY_P90_MB / MemoryAverageQuantile(0.9) / MaxToAverageAtMedian) / Math.Log(MemoryAverageQuantile(0.9) / MedianAverageMb);

    // Bursts go to rare apps only: the platform's hourly curve (Fig. 4) is smooth, and it is the popular apps' sum, which
    // a bursty popular app would dominate at a few hundred apps. So Fig. 6's share of all apps is drawn among the rare.
    private static readonly double BurstyRareApps = Math.Min(1, BURSTY_APPS / (1 - POPULAR_APPS));

    /// <summary>Writes the day's three files into <paramref name="folder"/>.</summary>
    public static Azure2019Files Write(string folder, Azure2019GeneratorOptions options) =>
        Azure2019TraceWriter.Write(folder, Generate(options), options.Day);

    /// <summary>The day's functions, each with its durations row and its app's memory row, apps' functions together.</summary>
    public static IReadOnlyList<Azure2019Function> Generate(Azure2019GeneratorOptions options)
    {
        if (options.Functions < 1 || options.Day is < 1 or > 99 || options.DailyInvocations < options.Functions)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options, "needs at least one function, a day in 1-99, and at least one invocation per function.");
        }

        var random = SeededRandom.For(options.Seed, 0);
        var (apps, functions) = Apps(options.Functions, random);
        ChooseTimers(functions, random);
        if (options.DailyInvocations is { } target)
        {
            Scale(apps, functions, target);
        }

        ChooseOtherTriggers(functions);
        foreach (var app in apps)
        {
            app.MinuteWeights = MinuteWeights(bursty: !app.Popular && random.NextDouble() < BurstyRareApps, random);
        }

        for (var f = 0; f < functions.Count; f++)
        {
            Spread(functions[f], apps[functions[f].App], SeededRandom.For(options.Seed, 1 + f));
        }

        if (options.DailyInvocations is { } exact)
        {
            Settle(functions, exact);
        }

        return Build(apps, functions, random);
    }

    private static (List<SyntheticApp> Apps, List<SyntheticFunction> Functions) Apps(int count, SeededRandom random)
    {
        var sizes = new List<int>();
        for (var total = 0; total < count; total += sizes[^1])
        {
            sizes.Add(Math.Min(FunctionsInApp(random), count - total));
        }

        // Fig. 5(a)'s log-normal fit, clamped to a day's file and the paper's 8 orders of magnitude.
        var rates = Stratified(sizes.Count, random, q => Math.Clamp(
            Math.Pow(10, AppRateLog10Mu + (AppRateLog10Sigma * StandardNormal.InverseCdf(q))), MIN_APP_RATE_PER_DAY, MAX_APP_RATE_PER_DAY));
        var apps = new List<SyntheticApp>(sizes.Count);
        var functions = new List<SyntheticFunction>(count);
        var owner = Hash(random);
        for (var a = 0; a < sizes.Count; a++)
        {
            owner = a > 0 && random.NextDouble() < SHARED_OWNER ? owner : Hash(random);
            var app = new SyntheticApp(owner, Hash(random), functions.Count, sizes[a], rates[a]);
            apps.Add(app);
            var weights = Enumerable.Range(0, sizes[a]).Select(_ => Math.Exp(FUNCTION_SPLIT_SIGMA * random.NextGaussian())).ToArray();
            var sum = weights.Sum();
            functions.AddRange(weights.Select(w => new SyntheticFunction(a, Hash(random), app.RatePerDay * w / sum)));
        }

        return (apps, functions);
    }

    private static int FunctionsInApp(SeededRandom random)
    {
        var u = random.NextDouble();
        var (min, max, _) = FunctionsPerApp.First(b => u < b.Cumulative || b.Cumulative >= 1);
        return min == max ? min
            : max <= 10 ? min + random.Next(max - min + 1)
            : (int)Math.Floor(min * Math.Pow((max + 1.0) / min, random.NextDouble())); // log-uniform: many more apps near 11 than near 100
    }

    /// <summary>Fig. 2's timer share of functions, 95% of them among functions invoked at most once a minute; each made periodic.</summary>
    private static void ChooseTimers(List<SyntheticFunction> functions, SeededRandom random)
    {
        var timers = Quotas(functions.Count)["timer"];
        var slow = functions.Where(f => f.RatePerDay <= MINUTES).ToList();
        var fast = functions.Where(f => f.RatePerDay > MINUTES).ToList();
        random.Shuffle(slow);
        random.Shuffle(fast);
        var fromFast = Math.Min(fast.Count, timers - Math.Min(slow.Count, (int)Math.Ceiling(TIMERS_AT_MOST_MINUTELY * timers)));
        foreach (var timer in slow.Take(timers - fromFast).Concat(fast.Take(fromFast)))
        {
            timer.Trigger = "timer";
            if (timer.RatePerDay > 1.5 * MINUTES)
            {
                timer.TimerPerMinute = Nearest(FastTimerPerMinute, timer.RatePerDay / MINUTES);
                timer.RatePerDay = (double)timer.TimerPerMinute * MINUTES;
            }
            else
            {
                timer.TimerPeriod = Nearest(TimerPeriodsMinutes, MINUTES / timer.RatePerDay);
                timer.RatePerDay = (double)MINUTES / timer.TimerPeriod;
            }
        }
    }

    /// <summary>
    /// Stretches (α &gt; 1) or compresses (α &lt; 1) the popular apps' rates as 1440·(rate/1440)^α, so they stay popular and
    /// the rare apps keep Fig. 5(a)'s rates, until the day's expected total is <paramref name="target"/>.
    /// </summary>
    private static void Scale(List<SyntheticApp> apps, List<SyntheticFunction> functions, long target)
    {
        var scaled = functions.Where(f => f.Trigger != "timer" && apps[f.App].Popular).ToArray();
        var bases = scaled.Select(f => f.RatePerDay).ToArray();
        var logRatios = scaled.Select(f => Math.Log(apps[f.App].RatePerDay / MINUTES)).ToArray();
        var fixedTotal = functions.Where(f => f.Trigger == "timer" || !apps[f.App].Popular).Sum(f => Math.Max(1, f.RatePerDay));
        double Total(double alpha)
        {
            var sum = fixedTotal;
            for (var i = 0; i < scaled.Length; i++)
            {
                sum += Math.Max(1, bases[i] * Math.Exp((alpha - 1) * logRatios[i]));
            }

            return sum;
        }

        const double maxAlpha = 8;
        var (low, high) = (0.0, maxAlpha);
        if (target < Total(low) || target > Total(high))
        {
            var (bound, fix) = target < Total(low) ? ($"at least {Total(low):N0}", "fewer") : ($"at most {Total(high):N0}", "more");
            throw new ArgumentOutOfRangeException(nameof(target), target,
                $"{functions.Count:N0} functions keep the published shape with {bound} invocations a day: ask for {fix} functions.");
        }

        for (var i = 0; i < 200 && high - low > 1e-12; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = Total(mid) < target ? (mid, high) : (low, mid);
        }

        for (var i = 0; i < scaled.Length; i++)
        {
            scaled[i].RatePerDay = bases[i] * Math.Exp((((low + high) / 2) - 1) * logRatios[i]);
        }
    }

    /// <summary>
    /// The other triggers, by Fig. 2's function shares, given most-invoked first to the trigger furthest below its
    /// share of invocations: queue and event functions end up few and busy, HTTP many, as in the figure.
    /// </summary>
    private static void ChooseOtherTriggers(List<SyntheticFunction> functions)
    {
        var left = Quotas(functions.Count);
        left.Remove("timer");
        var total = functions.Sum(f => f.RatePerDay);
        var given = left.Keys.ToDictionary(t => t, _ => 0.0);
        var share = Triggers.ToDictionary(t => t.Trigger, t => t.Invocations);
        foreach (var function in functions.Where(f => f.Trigger.Length == 0).OrderByDescending(f => f.RatePerDay))
        {
            var open = left.Where(p => p.Value > 0).ToList();
            var trigger = open.Count > 0 ? open.MaxBy(p => (share[p.Key] * total) - given[p.Key]).Key : "http"; // too few slow functions for the timers
            function.Trigger = trigger;
            left[trigger] = Math.Max(0, left[trigger] - 1);
            given[trigger] += function.RatePerDay;
        }
    }

    /// <summary>Functions per trigger: Fig. 2's shares of <paramref name="count"/>, the rounding left to HTTP.</summary>
    private static Dictionary<string, int> Quotas(int count)
    {
        var quotas = Triggers.ToDictionary(t => t.Trigger, t => (int)Math.Round(t.Functions * count));
        quotas["http"] += count - quotas.Values.Sum();
        if (quotas["http"] < 0)
        {
            quotas["http"] = 0;
            var surplus = quotas.Values.Sum() - count;
            foreach (var trigger in quotas.Keys.OrderBy(t => quotas[t]).ToList())
            {
                var cut = Math.Min(surplus, quotas[trigger]);
                quotas[trigger] -= cut;
                surplus -= cut;
            }
        }

        return quotas;
    }

    /// <summary>Fig. 4's day (a cosine from the trough to the peak), times a burst factor for a bursty app (Fig. 6).</summary>
    private static double[] MinuteWeights(bool bursty, SeededRandom random)
    {
        var weights = new double[MINUTES];
        var level = random.NextGaussian();
        for (var m = 0; m < MINUTES; m++)
        {
            var cosine = Math.Cos(2 * Math.PI * (m + 0.5 - DIURNAL_PEAK_MINUTE) / MINUTES);
            weights[m] = 1 - ((1 - DIURNAL_TROUGH_OF_PEAK) * (1 - cosine) / 2);
            if (bursty)
            {
                level = m == 0 ? level : (BURST_CORRELATION * level) + (Math.Sqrt(1 - (BURST_CORRELATION * BURST_CORRELATION)) * random.NextGaussian());
                weights[m] *= Math.Exp((BURST_SIGMA * level) - (BURST_SIGMA * BURST_SIGMA / 2));
            }
        }

        return weights;
    }

    /// <summary>The function's count for the day (at least one: a day's file lists what ran) spread over its minutes.</summary>
    private static void Spread(SyntheticFunction function, SyntheticApp app, SeededRandom random)
    {
        var perMinute = new int[MINUTES];
        if (function.TimerPerMinute > 0)
        {
            Array.Fill(perMinute, function.TimerPerMinute);
        }
        else if (function.TimerPeriod > 0)
        {
            for (var m = random.Next(function.TimerPeriod); m < MINUTES; m += function.TimerPeriod)
            {
                perMinute[m] = 1;
            }
        }
        else
        {
            var whole = Math.Floor(function.RatePerDay);
            var count = Math.Max(1, (long)whole + (random.NextDouble() < function.RatePerDay - whole ? 1 : 0));
            Place(count, app.MinuteWeights, perMinute, random);
        }

        function.PerMinute = perMinute;
        function.Count = perMinute.Sum(c => (long)c);
    }

    /// <summary>A multinomial draw of <paramref name="count"/> invocations over the minutes' weights.</summary>
    private static void Place(long count, double[] weights, int[] perMinute, SeededRandom random)
    {
        var total = weights.Sum();
        if (count <= EXACT_PLACEMENT_LIMIT)
        {
            var cumulative = new double[weights.Length];
            var sum = 0.0;
            for (var m = 0; m < weights.Length; m++)
            {
                cumulative[m] = sum += weights[m];
            }

            for (long i = 0; i < count; i++)
            {
                var at = Array.BinarySearch(cumulative, random.NextDouble() * total);
                perMinute[Math.Min(at < 0 ? ~at : at, weights.Length - 1)]++;
            }

            return;
        }

        // Many invocations: each minute a binomial share of what is left (normal approximation, at least ~10 a minute).
        var left = count;
        for (var m = 0; m < weights.Length && left > 0; m++)
        {
            if (m == weights.Length - 1)
            {
                perMinute[m] = (int)left;
                break;
            }

            var p = Math.Clamp(weights[m] / total, 0, 1);
            var mean = left * p;
            var draw = (long)Math.Round(mean + (Math.Sqrt(mean * (1 - p)) * random.NextGaussian()));
            perMinute[m] = (int)Math.Clamp(draw, 0, left);
            left -= perMinute[m];
            total -= weights[m];
        }
    }

    /// <summary>Puts the rounding's difference from the asked total on the busiest non-timer function's busiest minutes.</summary>
    private static void Settle(List<SyntheticFunction> functions, long target)
    {
        var difference = target - functions.Sum(f => f.Count);
        var busiest = functions.Where(f => f.Trigger != "timer").MaxBy(f => f.Count)
            ?? throw new ArgumentOutOfRangeException(nameof(target), target, "every function is a timer: the total cannot be met.");
        if (busiest.Count + difference < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, "too few invocations for the functions' minimum.");
        }

        var order = Enumerable.Range(0, MINUTES).OrderByDescending(m => busiest.PerMinute[m]).ToArray();
        for (var i = 0; difference != 0; i = (i + 1) % MINUTES)
        {
            var m = order[i];
            if (difference > 0 || busiest.PerMinute[m] > 0)
            {
                var step = difference > 0 ? Math.Max(1, difference / MINUTES) : -Math.Min(busiest.PerMinute[m], Math.Max(1, -difference / MINUTES));
                busiest.PerMinute[m] += (int)step;
                difference -= step;
            }
        }

        busiest.Count = busiest.PerMinute.Sum(c => (long)c);
    }

    private static List<Azure2019Function> Build(List<SyntheticApp> apps, List<SyntheticFunction> functions, SeededRandom random)
    {
        // Fig. 7: averages from the log-normal fit; a maximum a few times the average; percentiles log-normal between.
        var averages = Stratified(functions.Count, random, q => 1000 * Math.Clamp(
            Math.Exp(AVERAGE_SECONDS_LOG_MU + (AVERAGE_SECONDS_LOG_SIGMA * StandardNormal.InverseCdf(q))), 0.001, 3600));
        var durations = functions.Select((f, i) => Duration(averages[i], f.Count, random)).ToArray();

        // Fig. 8: averages from the Burr fit, maxima through the published medians and 90th percentiles.
        var memoryAverages = Stratified(apps.Count, random, q => Math.Clamp(MemoryAverageQuantile(q), 1, MAX_MEMORY_MB / 1.02));
        var records = new List<Azure2019Function>(functions.Count);
        for (var a = 0; a < apps.Count; a++)
        {
            var app = apps[a];
            var appFunctions = functions.GetRange(app.FirstFunction, app.FunctionCount);
            var activeMinutes = Enumerable.Range(0, MINUTES).Count(m => appFunctions.Any(f => f.PerMinute[m] > 0));
            var memory = Memory(memoryAverages[a], samples: 12L * Math.Max(1, activeMinutes)); // a 5-second sample, averaged per minute
            for (var i = 0; i < app.FunctionCount; i++)
            {
                var function = functions[app.FirstFunction + i];
                records.Add(new Azure2019Function(app.Owner, app.Hash, function.Hash, function.Trigger, function.PerMinute, durations[app.FirstFunction + i].AverageMs)
                {
                    Duration = durations[app.FirstFunction + i],
                    Memory = memory,
                });
            }
        }

        return records;
    }

    private static Azure2019Duration Duration(double averageMs, long count, SeededRandom random)
    {
        var ratio = Math.Clamp(Math.Exp(Math.Log(MAX_TO_AVERAGE_MEDIAN) + (MAX_TO_AVERAGE_LOG_SIGMA * random.NextGaussian())), 1, 50);
        if (count == 1)
        {
            return new Azure2019Duration(averageMs, count, averageMs, averageMs, [.. Azure2019Format.DurationPercentiles.Select(p => ((double)p, averageMs))]);
        }

        // Log-normal within the function, σ such that its 99.87th percentile (z = 3) is the maximum.
        var sigma = 3 - Math.Sqrt(9 - (2 * Math.Log(ratio)));
        var median = averageMs * Math.Exp(-sigma * sigma / 2);
        double At(double z) => median * Math.Exp(sigma * z);
        var (minimum, maximum) = (At(-3), At(3));
        var points = new List<(double, double)> { (0, minimum) };
        points.AddRange(DurationZ.Select((z, i) => ((double)Azure2019Format.DurationPercentiles[i + 1], At(z))));
        points.Add((100, maximum));
        return new Azure2019Duration(averageMs, count, minimum, maximum, points);
    }

    private static Azure2019AppMemory Memory(double averageMb, long samples)
    {
        var maximum = Math.Clamp(averageMb * MaxToAverageAtMedian * Math.Pow(averageMb / MedianAverageMb, MaxToAverageExponent), averageMb * 1.02, Math.Max(averageMb * 1.02, MAX_MEMORY_MB));
        var sigma = Math.Log(maximum / averageMb) / 3;
        var median = averageMb * Math.Exp(-sigma * sigma / 2);
        var points = MemoryZ.Select((z, i) => ((double)Azure2019Format.MemoryPercentiles[i], median * Math.Exp(sigma * z))).ToList();
        points.Add((100, maximum));
        return new Azure2019AppMemory(samples, averageMb, points);
    }

    /// <summary>One draw per slice [i/n, (i+1)/n) of the quantile range, mapped by <paramref name="quantile"/>, in random order.</summary>
    private static double[] Stratified(int count, SeededRandom random, Func<double, double> quantile)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = quantile(Math.Clamp((i + random.NextDouble()) / count, 1e-12, 1 - 1e-12));
        }

        random.Shuffle(values);
        return values;
    }

    /// <summary>The item of <paramref name="items"/> nearest <paramref name="value"/> on a log scale.</summary>
    private static int Nearest(IReadOnlyList<int> items, double value) =>
        items.MinBy(i => Math.Abs(Math.Log(i) - Math.Log(Math.Max(value, 1e-9))));

    /// <summary>A 64-hex-digit id, like the dataset's HMAC-SHA256 hashes.</summary>
    private static string Hash(SeededRandom random) =>
        string.Concat(Enumerable.Range(0, 4).Select(_ => random.NextULong().ToString("x16", System.Globalization.CultureInfo.InvariantCulture)));
}
