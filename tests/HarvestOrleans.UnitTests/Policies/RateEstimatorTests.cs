namespace HarvestOrleans.UnitTests.Policies;

/// <summary>
/// The rps estimate (issue 14, item 6). Each report's count covers (at − interval, at]: the rate is the counts of the
/// reports still in the window over the time they cover (from the earliest covered start to now, at most one window).
/// The original (ALR 39-60) is not reproduced in either mode: its windows close only on arrivals and mistake ms for s.
/// </summary>
[Trait("Category", "Unit")]
public sealed class RateEstimatorTests
{
    private const long Window = 10_000;

    /// <summary>(vm reports as (atMs, count, intervalMs)) then the rate read at nowMs.</summary>
    public static TheoryData<string, (long At, long Count, long Interval)[], long, double> Cases => new()
    {
        { "first report: 50 in its 1 s", Steady(1_000, 1_000), 1_000, 50 },
        { "second report: 100 over 2 s (was 2x: 100 over the 1 s since the first)", Steady(1_000, 2_000), 2_000, 50 },
        { "half a window in", Steady(1_000, 5_000), 5_000, 50 },
        { "a full window", Steady(1_000, 10_000), 10_000, 50 },
        { "the report ending at now - window is out (was +10%)", Steady(1_000, 11_000), 11_000, 50 },
        { "long after start, at a report", Steady(1_000, 60_000), 60_000, 50 },
        { "between two reports", Steady(1_000, 20_000), 20_500, 50 },
        { "idle: a window after the last report nothing is left", Steady(1_000, 20_000), 30_000, 0 },
        { "idle: decays while the window empties", Steady(1_000, 20_000), 25_000, 25 },
        { "two VMs half a second apart, steady", [.. Steady(1_000, 30_000), .. Steady(1_500, 30_500)], 30_500, 100 },
        { "slow reports: 5 s intervals", Steady(5_000, 30_000, intervalMs: 5_000, count: 250), 30_000, 50 },
        { "nothing reported", [], 5_000, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rate_covers_each_report_s_interval(string because, (long At, long Count, long Interval)[] reports, long nowMs, double expected)
    {
        var rate = new RateEstimator(Window);
        foreach (var (at, count, interval) in reports.OrderBy(r => r.At))
        {
            rate.Add(at, count, interval);
        }

        Assert.True(Math.Abs(expected - rate.Rate(nowMs)) < 1e-9, $"{because}: expected {expected}, read {rate.Rate(nowMs)}");
    }

    [Fact]
    public void A_steady_rate_reads_true_at_every_report_from_the_first()
    {
        var rate = new RateEstimator(Window);
        for (var at = 1_000L; at <= 40_000; at += 1_000)
        {
            rate.Add(at, 50, 1_000);
            Assert.Equal(50, rate.Rate(at), precision: 9);
        }
    }

    [Fact]
    public void Interleaved_vms_never_over_read_while_the_window_fills()
    {
        var rate = new RateEstimator(Window);
        var reports = Steady(1_000, 40_000).Concat(Steady(1_500, 40_500)).OrderBy(r => r.At);
        foreach (var (at, count, interval) in reports)
        {
            rate.Add(at, count, interval);
            Assert.InRange(rate.Rate(at), 0, 100 + 1e-9);
            if (at >= Window + 1_500)
            {
                Assert.Equal(100, rate.Rate(at), precision: 9);
            }
        }
    }

    [Fact]
    public void Export_and_import_rebuild_the_same_estimate()
    {
        var rate = new RateEstimator(Window);
        foreach (var (at, count, interval) in Steady(1_000, 4_000))
        {
            rate.Add(at, count, interval);
        }

        var moved = new RateEstimator(Window);
        moved.Import(rate.Export());
        Assert.Equal(rate.Rate(4_200), moved.Rate(4_200));
        Assert.Equal(50, moved.Rate(4_000), precision: 9);
    }

    private static (long At, long Count, long Interval)[] Steady(long firstAt, long lastAt, long intervalMs = 1_000, long count = 50)
    {
        var reports = new List<(long, long, long)>();
        for (var at = firstAt; at <= lastAt; at += intervalMs)
        {
            reports.Add((at, count, intervalMs));
        }

        return [.. reports];
    }
}
