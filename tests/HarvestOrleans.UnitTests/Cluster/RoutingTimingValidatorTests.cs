using HarvestOrleans.Grains.Options;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace HarvestOrleans.UnitTests.Cluster;

/// <summary>The rule between options: ClusterViewRefresh + LeaseTtl ≤ PeakWindowReports × LoadReportInterval.</summary>
[Trait("Category", "Unit")]
public class RoutingTimingValidatorTests
{
    private static void Validate(BalancingOptions balancing, InvokerOptions invoker) =>
        new RoutingTimingValidator(MsOptions.Create(balancing), MsOptions.Create(invoker)).ValidateConfiguration();

    private static BalancingOptions Balancing(int refreshMs, int leaseMs) =>
        new() { ClusterViewRefresh = TimeSpan.FromMilliseconds(refreshMs), LeaseTtl = TimeSpan.FromMilliseconds(leaseMs) };

    private static InvokerOptions Invoker(int reportMs, int peakReports = InvokerOptions.DEFAULT_PEAK_WINDOW_REPORTS) =>
        new() { LoadReportInterval = TimeSpan.FromMilliseconds(reportMs), PeakWindowReports = peakReports };

    [Fact]
    public void The_defaults_and_the_shipped_timings_pass()
    {
        Validate(new BalancingOptions(), new InvokerOptions());
        Validate(Balancing(100, 100), Invoker(100)); // the tests' fast timings
        Validate(Balancing(250, 250), Invoker(250)); // the evictions benchmark
        Validate(Balancing(500, 1000), Invoker(500)); // the comparison experiments
        Validate(Balancing(250, 1000), Invoker(250)); // the demo: exactly the window
    }

    [Fact]
    public void A_lease_and_view_older_than_the_peak_window_fail_naming_every_option_involved()
    {
        var ex = Assert.Throws<OrleansConfigurationException>(() => Validate(Balancing(500, 1000), Invoker(100)));
        Assert.Contains("Harvest:Balancing:ClusterViewRefresh", ex.Message);
        Assert.Contains("Harvest:Balancing:LeaseTtl", ex.Message);
        Assert.Contains("Harvest:Invoker:PeakWindowReports", ex.Message);
        Assert.Contains("Harvest:Invoker:LoadReportInterval", ex.Message);

        // One millisecond over the window fails; a shorter peak window tightens the rule.
        Assert.Throws<OrleansConfigurationException>(() => Validate(Balancing(250, 1001), Invoker(250)));
        Assert.Throws<OrleansConfigurationException>(() => Validate(new BalancingOptions(), Invoker(1000, peakReports: 1)));
    }
}
