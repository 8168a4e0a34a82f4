using HarvestOrleans.Functions;
using HarvestOrleans.Hosting;
using HarvestOrleans.Samples;
using Orleans.TestingHost;

namespace HarvestOrleans.Tests.Cluster;

[Trait("Category", "Cluster")]
public class StartupValidationTests
{
    private static async Task<Exception> DeployFailureAsync(Action<IHarvestSiloBuilder> configure)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.UseHarvest(h => configure(h.UseInMemoryState())));
        var cluster = builder.Build();
        try
        {
            return await Assert.ThrowsAnyAsync<Exception>(cluster.DeployAsync);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    private static string AllMessages(Exception ex) =>
        string.Join(" | ", new[] { ex }.Concat(ex is AggregateException a ? a.Flatten().InnerExceptions : []).SelectMany(Chain).Select(e => e.Message));

    private static IEnumerable<Exception> Chain(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            yield return ex;
        }
    }

    [Fact]
    public async Task An_invalid_function_name_fails_silo_start_with_a_clear_message()
    {
        var ex = await DeployFailureAsync(h => h.AddFunction<EchoFunction>(new FunctionSpec { Name = "not valid!" }));
        Assert.Contains("Function name 'not valid!' is invalid", AllMessages(ex));
    }

    [Fact]
    public async Task A_duplicate_function_fails_silo_start_with_a_clear_message()
    {
        var ex = await DeployFailureAsync(h => h
            .AddFunction<EchoFunction>(new FunctionSpec { Name = "twice" })
            .AddFunction<SleepFunction>(new FunctionSpec { Name = "twice" }));
        Assert.Contains("'twice' version '1' is registered more than once", AllMessages(ex));
    }

    [Fact]
    public async Task An_unknown_balancing_policy_fails_silo_start_with_a_clear_message()
    {
        var ex = await DeployFailureAsync(h => h.ConfigureBalancing(o => o.Policy = "RoundRobin"));
        Assert.Contains("Policy 'RoundRobin' is unknown", AllMessages(ex));
    }

    [Fact]
    public async Task A_lease_that_outlives_the_invokers_peak_window_fails_silo_start_naming_both_options()
    {
        var ex = await DeployFailureAsync(h => h
            .ConfigureInvoker(o => (o.LoadReportInterval, o.PeakWindowReports) = (TimeSpan.FromMilliseconds(100), 5))
            .ConfigureBalancing(o => (o.ClusterViewRefresh, o.LeaseTtl) = (TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1))));
        var message = AllMessages(ex);
        Assert.Contains("Harvest:Balancing:LeaseTtl", message);
        Assert.Contains("Harvest:Invoker:LoadReportInterval", message);
    }
}
