namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>
/// The published characteristics of the Azure Functions workload the generator reproduces: Shahrad et al., "Serverless
/// in the Wild: Characterizing and Optimizing the Serverless Workload at a Large Cloud Provider", USENIX ATC'20, §3
/// (figure numbers as in the paper). Where the paper gives a number in its text, that number is used; where only a
/// figure shows it, the value is read off the figure (as tabulated by M. Shilkov, "Serverless in the Wild: Azure
/// Functions Production Usage Statistics", mikhail.io, 2020) and marked so. Everything else is marked as an assumption.
/// </summary>
public static class Azure2019Calibration
{
    // ---- Functions per app (Fig. 1) ----

    /// <summary>
    /// Cumulative share of apps with at most N functions. Text: 54% have one, 95% at most 10, 0.04% more than 100.
    /// Read off Fig. 1: 2 → 16%, 3 → 10%, 4–5 → 8%, 6–10 → 7%. The 0.04% above 100 is folded into 11–100 (a few
    /// thousand functions cannot hold one of them).
    /// </summary>
    public static readonly IReadOnlyList<(int Min, int Max, double Cumulative)> FunctionsPerApp =
        [(1, 1, 0.54), (2, 2, 0.70), (3, 3, 0.80), (4, 5, 0.88), (6, 10, 0.95), (11, 100, 1.0)];

    // ---- Invocation rates (Fig. 5) ----

    /// <summary>Fig. 5(a), text: "45% of the applications are invoked once per hour or less on average".</summary>
    public const double APPS_AT_MOST_HOURLY = 0.45;

    /// <summary>
    /// Fig. 5(b), text: "the 18.6% most popular [applications], those invoked on average at least once per minute.
    /// Together, they represent 99.6% of all function invocations" (81% in Fig. 5(a)'s text is the rounded complement).
    /// </summary>
    public const double POPULAR_APPS = 0.186;

    /// <summary>Fig. 5(b), text: the share of invocations of the <see cref="POPULAR_APPS"/>.</summary>
    public const double POPULAR_APPS_INVOCATION_SHARE = 0.996;

    /// <summary>Fig. 5(a), text: "the number of invocations per day varies by over 8 orders of magnitude".</summary>
    public const double ORDERS_OF_MAGNITUDE = 8;

    /// <summary>
    /// An app's average daily invocations are log-normal, log10 ~ N(μ, σ), through Fig. 5(a)'s two published points
    /// (24/day at the 45th percentile, 1440/day at the 81.4th). The fit is ours; it gives the popular apps ~99.2–99.7%
    /// of invocations, the paper's 99.6%, without being tuned to it.
    /// </summary>
    public static readonly double AppRateLog10Sigma =
        (Math.Log10(1440) - Math.Log10(24)) / (StandardNormal.InverseCdf(1 - POPULAR_APPS) - StandardNormal.InverseCdf(APPS_AT_MOST_HOURLY));

    /// <summary>The median of the fit above (log10 of invocations per day).</summary>
    public static readonly double AppRateLog10Mu = Math.Log10(24) - (StandardNormal.InverseCdf(APPS_AT_MOST_HOURLY) * AppRateLog10Sigma);

    /// <summary>
    /// The bounds the fit is clamped to, per day. Below: a day's file lists a function at least once (the paper's rates
    /// are 14-day averages, and go lower). Above: 10^7 a day (~116/s) keeps the spread at the paper's 8 orders of
    /// magnitude (from 1/14 a day, one invocation in two weeks). Both are ours.
    /// </summary>
    public const double MIN_APP_RATE_PER_DAY = 1, MAX_APP_RATE_PER_DAY = 1e7;

    /// <summary>
    /// Assumption: how an app's invocations split among its functions (log-normal weights, σ of the natural log). The
    /// paper publishes only that 50% of invocations come from apps with at most 3 functions (Fig. 1).
    /// </summary>
    public const double FUNCTION_SPLIT_SIGMA = 1.0;

    // ---- Triggers (Fig. 2) ----

    /// <summary>
    /// Share of functions and of invocations per trigger group. Text: queue 15.2% of functions and 33.5% of invocations,
    /// event 2.2% and 24.7%, timer 15.6% and 2%. Read off Fig. 2: HTTP 55% and 36%, orchestration 7% and 2%, and the
    /// rest (storage and others) 5% and 1%, kept here as "others".
    /// </summary>
    public static readonly IReadOnlyList<(string Trigger, double Functions, double Invocations)> Triggers =
    [
        ("http", 0.55, 0.36),
        ("queue", 0.152, 0.335),
        ("event", 0.022, 0.247),
        ("timer", 0.156, 0.02),
        ("orchestration", 0.07, 0.02),
        ("others", 0.05, 0.01),
    ];

    /// <summary>§3 text on Fig. 2: "95% of the timer-triggered functions ... were triggered at most once per minute, on average".</summary>
    public const double TIMERS_AT_MOST_MINUTELY = 0.95;

    /// <summary>Assumption: the periods timers fire with (minutes; cron-like), and counts per minute of faster timers.</summary>
    public static readonly IReadOnlyList<int> TimerPeriodsMinutes = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];

    /// <inheritdoc cref="TimerPeriodsMinutes"/>
    public static readonly IReadOnlyList<int> FastTimerPerMinute = [2, 4, 6, 12, 30, 60];

    // ---- Time of day and burstiness (Figs. 4 and 6) ----

    /// <summary>
    /// Fig. 4, text: "clear diurnal and weekly patterns ... and a constant baseline of roughly 50% of the invocations that
    /// does not show variation": the quietest hour at half the peak. A day is one cosine between the two.
    /// </summary>
    public const double DIURNAL_TROUGH_OF_PEAK = 0.5;

    /// <summary>Assumption: the peak's minute of the day (the figure shows the swing, not a phase we could cite).</summary>
    public const int DIURNAL_PEAK_MINUTE = 14 * 60;

    /// <summary>
    /// §3 (Fig. 6), text: "40% of [applications] have a CV of their IATs higher than 1". That share of all apps is
    /// bursty here, drawn among the rarely invoked ones: a minute-to-minute log-normal AR(1) factor on their rate (σ and
    /// correlation below are ours).
    /// </summary>
    public const double BURSTY_APPS = 0.4;

    /// <inheritdoc cref="BURSTY_APPS"/>
    public const double BURST_SIGMA = 1.0, BURST_CORRELATION = 0.9;

    // ---- Execution time (Fig. 7) ----

    /// <summary>
    /// Fig. 7, text: "a very good log-normal fit (via MLE) to the distribution of the averages, with log mean -0.38 and
    /// σ 2.36" (seconds). It puts 56% of functions under 1 s on average; the text says 50%, and 96% under 60 s.
    /// </summary>
    public const double AVERAGE_SECONDS_LOG_MU = -0.38, AVERAGE_SECONDS_LOG_SIGMA = 2.36;

    /// <summary>
    /// Fig. 7, text: "50% of the functions have maximum execution time shorter than ∼3s; 90% of the functions take at
    /// most 60s", and §3's takeaways: "75% of them have a maximum execution time of 10 seconds". The ratio of maximum
    /// to average (log-normal, median and σ ours) is set so the maxima land near those points.
    /// </summary>
    public const double MAX_TO_AVERAGE_MEDIAN = 8, MAX_TO_AVERAGE_LOG_SIGMA = 0.5;

    // ---- Memory (Fig. 8) ----

    /// <summary>Fig. 8, text: "a reasonably good Burr distribution fit (with parameters c=11.652, k=0.221, and λ=107.083) for the average" allocated memory per app, MB.</summary>
    public const double MEMORY_BURR_C = 11.652, MEMORY_BURR_K = 0.221, MEMORY_BURR_LAMBDA = 107.083;

    /// <summary>Fig. 8, text: "Looking at the distribution of the maximum allocated memory, 90% of the applications never consume more than 400MB, and 50% of the applications allocate at most 170MB".</summary>
    public const double MAX_MEMORY_P50_MB = 170, MAX_MEMORY_P90_MB = 400;

    /// <summary>The largest app: the consumption plan's 1.5 GB instance, where Fig. 8's axis ends too.</summary>
    public const double MAX_MEMORY_MB = 1536;

    /// <summary>The Burr XII quantile: λ((1 − u)^(−1/k) − 1)^(1/c).</summary>
    public static double MemoryAverageQuantile(double u) =>
        MEMORY_BURR_LAMBDA * Math.Pow(Math.Pow(1 - u, -1 / MEMORY_BURR_K) - 1, 1 / MEMORY_BURR_C);
}
