using HarvestOrleans.Hosting;

namespace HarvestOrleans.Testing;

/// <summary>Intervals short enough for a test to watch the runtime act (a test cluster uses them unless told not to).</summary>
public static class HarvestTestTimings
{
    /// <summary>
    /// Load reports every 100 ms, queue wait 5 s; cluster view refresh and route lease 100 ms, rate window and shrink
    /// interval 2 s, profile publishing 200 ms.
    /// </summary>
    /// <param name="harvest">The silo's Harvest configuration.</param>
    /// <returns>The same builder.</returns>
    public static IHarvestSiloBuilder UseFastTestTimings(this IHarvestSiloBuilder harvest) => harvest
        .ConfigureInvoker(o => (o.LoadReportInterval, o.MaxQueueWait) = (TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5)))
        .ConfigureBalancing(o =>
        {
            o.ClusterViewRefresh = TimeSpan.FromMilliseconds(100);
            o.LeaseTtl = TimeSpan.FromMilliseconds(100);
            o.RateWindow = TimeSpan.FromSeconds(2);
            o.ShrinkInterval = TimeSpan.FromSeconds(2);
            o.ProfilePublishInterval = TimeSpan.FromMilliseconds(200);
        });
}
