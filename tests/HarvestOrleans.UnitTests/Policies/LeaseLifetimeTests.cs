using HarvestOrleans.Policies;

namespace HarvestOrleans.UnitTests.Policies;

/// <summary>
/// Issue 17, item 3: a route lease ends when the next load report of the VMs it was planned from is due, so a caller
/// never places on figures older than about one report interval, within the configured lifetime and above its floor.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LeaseLifetimeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxTtl = TimeSpan.FromSeconds(1);

    [Fact]
    public void A_lease_ends_when_the_oldest_report_is_due_again()
    {
        var reports = new[] { Now - TimeSpan.FromMilliseconds(300), Now - TimeSpan.FromMilliseconds(700) };

        Assert.Equal(TimeSpan.FromMilliseconds(300), LeaseLifetime.For(Now, reports, Interval, MaxTtl));
    }

    [Fact]
    public void Fresh_reports_keep_the_configured_lifetime_as_the_cap()
    {
        Assert.Equal(MaxTtl, LeaseLifetime.For(Now, [Now], Interval, MaxTtl));
        Assert.Equal(TimeSpan.FromMilliseconds(400), LeaseLifetime.For(Now, [Now], Interval, TimeSpan.FromMilliseconds(400)));
    }

    [Fact]
    public void A_report_due_now_gives_the_floor_not_a_lease_per_call()
    {
        var due = new[] { Now - Interval - TimeSpan.FromMilliseconds(50) };

        Assert.Equal(MaxTtl * LeaseLifetime.MIN_SHARE, LeaseLifetime.For(Now, due, Interval, MaxTtl));
    }

    [Fact]
    public void Silent_and_unknown_reporters_do_not_shorten_it()
    {
        var reports = new[] { default, Now - (3 * Interval), Now - TimeSpan.FromMilliseconds(200) };

        Assert.Equal(TimeSpan.FromMilliseconds(800), LeaseLifetime.For(Now, reports, Interval, MaxTtl));
        Assert.Equal(MaxTtl, LeaseLifetime.For(Now, [], Interval, MaxTtl));
    }

    [Fact]
    public void No_lifetime_stays_none()
    {
        Assert.Equal(TimeSpan.Zero, LeaseLifetime.For(Now, [Now], Interval, TimeSpan.Zero));
    }

    [Fact]
    public void A_view_is_due_once_a_vms_next_report_is()
    {
        Assert.False(LeaseLifetime.IsDue(Now, [Now - TimeSpan.FromMilliseconds(900), Now], Interval));
        Assert.True(LeaseLifetime.IsDue(Now, [Now - TimeSpan.FromMilliseconds(1_100), Now], Interval));
        Assert.False(LeaseLifetime.IsDue(Now, [Now - (3 * Interval), default], Interval)); // silent or unknown: refreshing would not help
    }
}
