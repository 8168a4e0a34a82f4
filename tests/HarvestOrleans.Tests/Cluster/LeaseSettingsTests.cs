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

    [Fact]
    public async Task In_Paper_mode_the_lease_carries_the_authors_defaults_before_any_cpu_profile()
    {
        var declaredThree = EchoFunction.Spec with { Name = "echo-three-cores", Cores = 3 };
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.UseHarvest(h => h
            .UseInMemoryState()
            .ConfigureBalancing(o => o.Mode = PolicyMode.Paper) // Harvest:Balancing:Mode=Paper
            .AddFunction<EchoFunction>(EchoFunction.Spec)
            .AddFunction<EchoFunction>(declaredThree)));
        builder.ConfigureClient(client => client.UseHarvestClient());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var client = cluster.Client.ServiceProvider.GetRequiredService<HarvestClient>();
            var record = await client.InvokeJsonAsync(EchoFunction.Spec.Name, "ping");
            Assert.Equal(HarvestOrleans.Invocations.InvocationStatus.Succeeded, record.Status);

            // No CPU profile yet (HV 345-367): reqCpu 1.0 whatever the declaration, the CPU limit the declared cores.
            var route = await client.Routes.GetAsync(declaredThree.Name);
            Assert.Equal(PolicyMode.Paper, route.Lease.Settings.Mode);
            Assert.Equal((1.0, 3.0), (route.Lease.CoresPerInvocation, route.Lease.CpuLimit));
            Assert.Equal((1.0, 3.0), (route.Plan!.CoresPerInvocation, route.Plan.CpuLimit)); // what the caller picks and reserves with

            var info = await cluster.Client.ServiceProvider.GetRequiredService<HarvestOperator>().GetFunctionRoutingAsync(declaredThree.Name);
            Assert.Equal((1.0, 3.0), (info.ReqCpu, info.CpuLimit));
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
