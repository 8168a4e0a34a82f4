namespace HarvestOrleans.Policies;

/// <summary>
/// How long a caller may reuse a plan, and when its planner should refresh its view first, from when the plan's
/// candidate VMs (not its overflow) reported the loads it was made from. A lease of a fixed lifetime fetched just
/// before a report keeps placing on the old figures for a whole lifetime after it, on a view that was itself up to a
/// refresh period behind: up to lifetime + refresh + interval in all. Ending the lease as the next report is due, and
/// refreshing the view then, keeps the plan a caller uses about one report interval old at most. The live planner
/// (FunctionGrain) and the simulator both decide with this.
/// </summary>
public static class LeaseLifetime
{
    /// <summary>The shortest lifetime given, as a share of <c>maxTtl</c>: a burst of reports never makes callers fetch a lease per call.</summary>
    public const double MIN_SHARE = 0.1;

    /// <summary>
    /// How soon after its last refresh a planner's view may be refreshed early (<see cref="IsDue"/>), as a share of its
    /// refresh period: with many VMs reporting at staggered times some report is nearly always due, and a view read per
    /// plan would cost a registry read and a re-index of the cluster each time.
    /// </summary>
    public const double EARLY_REFRESH_SHARE = 0.2;

    /// <summary>Whether a view last refreshed <paramref name="sinceRefresh"/> ago, every <paramref name="refreshPeriod"/>, may be refreshed early now.</summary>
    public static bool MayRefreshEarly(TimeSpan sinceRefresh, TimeSpan refreshPeriod) => sinceRefresh >= refreshPeriod * EARLY_REFRESH_SHARE;

    /// <summary>
    /// The lifetime of a plan made at <paramref name="now"/> from loads reported at <paramref name="reportedAt"/>, by VMs
    /// reporting every <paramref name="reportInterval"/>: up to the moment the oldest of them is due to report again,
    /// between <see cref="MIN_SHARE"/> of <paramref name="maxTtl"/> and <paramref name="maxTtl"/>. Reports older than two
    /// intervals (a VM that stopped reporting) and unknown ones (<c>default</c>) do not shorten it.
    /// </summary>
    public static TimeSpan For(DateTimeOffset now, IEnumerable<DateTimeOffset> reportedAt, TimeSpan reportInterval, TimeSpan maxTtl)
    {
        ArgumentNullException.ThrowIfNull(reportedAt);
        if (maxTtl <= TimeSpan.Zero || reportInterval <= TimeSpan.Zero)
        {
            return maxTtl < TimeSpan.Zero ? TimeSpan.Zero : maxTtl;
        }

        var ttl = maxTtl;
        foreach (var reported in reportedAt)
        {
            var age = now - reported;
            if (reported == default || age > 2 * reportInterval)
            {
                continue;
            }

            var untilNext = reportInterval - age;
            if (untilNext < ttl)
            {
                ttl = untilNext;
            }
        }

        var floor = maxTtl * MIN_SHARE;
        return ttl < floor ? floor : ttl;
    }

    /// <summary>
    /// Whether a planner's view holding loads reported at <paramref name="reportedAt"/> should be refreshed before it
    /// plans at <paramref name="now"/>: some VM's next report is due (its load is at least one interval old), so the
    /// registry likely has a newer one. A VM silent for over two intervals does not count: refreshing would not help.
    /// </summary>
    public static bool IsDue(DateTimeOffset now, IEnumerable<DateTimeOffset> reportedAt, TimeSpan reportInterval)
    {
        ArgumentNullException.ThrowIfNull(reportedAt);
        foreach (var reported in reportedAt)
        {
            var age = now - reported;
            if (reported != default && age >= reportInterval && age <= 2 * reportInterval)
            {
                return true;
            }
        }

        return false;
    }
}
