namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>A function while <see cref="Azure2019Generator"/> builds it.</summary>
internal sealed class SyntheticFunction(int app, string hash, double ratePerDay)
{
    public int App { get; } = app;

    public string Hash { get; } = hash;

    /// <summary>Expected daily invocations.</summary>
    public double RatePerDay { get; set; } = ratePerDay;

    public string Trigger { get; set; } = "";

    /// <summary>A timer's period in minutes (0: not a timer, or one that fires several times a minute).</summary>
    public int TimerPeriod { get; set; }

    /// <summary>A timer's firings per minute when it fires more often than once a minute.</summary>
    public int TimerPerMinute { get; set; }

    public long Count { get; set; }

    public int[] PerMinute { get; set; } = [];
}
