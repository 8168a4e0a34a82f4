namespace HarvestOrleans.Experiments.Workloads.Synthetic;

/// <summary>What <see cref="Azure2019Generator"/> makes: how many functions, how many invocations a day, from which seed.</summary>
public sealed record Azure2019GeneratorOptions
{
    /// <summary>Functions in the day (grouped into apps as Fig. 1 has them).</summary>
    public int Functions { get; init; } = 1000;

    /// <summary>
    /// Invocations in the day. Null: what the calibrated rates give (it grows with <see cref="Functions"/>: roughly
    /// 10 million at 1,500 functions). Otherwise the popular apps' rates are stretched or compressed to it, which keeps
    /// which apps are popular and the rare apps' rates as published.
    /// </summary>
    public long? DailyInvocations { get; init; }

    /// <summary>Seeds every draw: the same options write the same bytes.</summary>
    public long Seed { get; init; } = 2019;

    /// <summary>The day number in the file names (<c>dNN</c>).</summary>
    public int Day { get; init; } = 1;
}
