using HarvestOrleans.Client;
using HarvestOrleans.Hosting;
using HarvestOrleans.Samples;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HarvestOrleans.Tests.Cluster;

/// <summary>A caller picks with exactly the settings its lease's planner used, not with defaults of its own.</summary>
[Trait("Category", "Cluster")]
public class LeaseSettingsTests
{
    [Fact]
    public async Task With_PreferWarm_off_on_the_silo_the_callers_pick_follows_the_papers_placement()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.UseHarvest(h => h
            .UseInMemoryState()
            .ConfigureBalancing(o => o.PreferWarm = false) // Harvest:Balancing:PreferWarm=false
            .AddFunction<EchoFunction>(EchoFunction.Spec)));
        builder.ConfigureClient(client => client.UseHarvestClient());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var client = cluster.Client.ServiceProvider.GetRequiredService<HarvestClient>();
            var route = await client.Routes.GetAsync(EchoFunction.Spec.Name);
            Assert.Equal(BalancingPolicyNames.MinWorkerSet, route.Lease.Policy);

            // Both members fit; only the busier one has the function warm. The paper's placement takes the least
            // loaded; preferring warm would take the other.
            var plan = route.Plan! with
            {
                Candidates =
                [
                    new RouteCandidate("vm-warm", 8, 16_384, CpuUsage: 4, MemoryUsage: 0, Warm: true),
                    new RouteCandidate("vm-cold", 8, 16_384, CpuUsage: 0, MemoryUsage: 0, Warm: false),
                ],
                Overflow = [],
            };
            Assert.Equal("vm-cold", route.Policy!.Pick(plan, ReservationView.None, new Random(1)).VmId);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
