using HarvestOrleans.Client;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Samples;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HarvestOrleans.Tests.Cluster;

/// <summary>
/// Issue 17, item 3: a route lease lives only until its VMs' next load report is due (not a fixed lifetime after it
/// was fetched), and every placed invocation's record says how old the plan's view of its VM was.
/// </summary>
[Trait("Category", "Cluster")]
public class PlanFreshnessTests
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task A_lease_ends_when_its_vms_report_again_and_records_carry_the_plans_age()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.UseHarvest(h => h
            .UseInMemoryState()
            .ConfigureInvoker(o => o.LoadReportInterval = ReportInterval) // long, so a report's age is seen
            .ConfigureBalancing(o => o.LeaseTtl = ReportInterval)
            .AddFunction<EchoFunction>(EchoFunction.Spec)));
        builder.ConfigureClient(client => client.UseHarvestClient());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var client = cluster.Client.ServiceProvider.GetRequiredService<HarvestClient>();
            var name = EchoFunction.Spec.Name;

            // Wait until the VM's report the plans are made from is a second old.
            DateTimeOffset reportedAt = default;
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    var route = await client.Routes.GetAsync(name);
                    client.Routes.Invalidate(name, null, route);
                    reportedAt = route.Lease.Candidates.Single().ReportedAt;
                    return reportedAt != default && DateTimeOffset.UtcNow - reportedAt > TimeSpan.FromSeconds(1) && DateTimeOffset.UtcNow - reportedAt < ReportInterval - TimeSpan.FromSeconds(1);
                },
                "the VM's load report reaches the plan and ages a second (before its next one)");

            var fetched = DateTimeOffset.UtcNow;
            var lease = (await client.Routes.GetAsync(name)).Lease;
            var candidate = lease.Candidates.Single();
            if (candidate.ReportedAt == reportedAt && fetched - reportedAt < ReportInterval)
            {
                // Planned from a report at least (fetched - reportedAt) old: the lease ends when the next is due.
                Assert.True(lease.Ttl <= ReportInterval - (fetched - reportedAt) + TimeSpan.FromMilliseconds(1),
                    $"A lease planned from a report {(fetched - reportedAt).TotalMilliseconds:0} ms old lives {lease.Ttl.TotalMilliseconds:0} ms; the next report is due in {(ReportInterval - (fetched - reportedAt)).TotalMilliseconds:0} ms.");
            }

            Assert.True(lease.Ttl >= ReportInterval * LeaseLifetime.MIN_SHARE);

            var record = await client.InvokeJsonAsync(name, "ping");
            Assert.Equal(InvocationStatus.Succeeded, record.Status);
            Assert.True(record.PlanAgeMs > 0, "A placed invocation says how old its plan's view of its VM was.");
            Assert.True(record.PlanAgeMs < 2 * ReportInterval.TotalMilliseconds + 5_000, $"Plan age {record.PlanAgeMs:0} ms");

            var unknown = await client.InvokeJsonAsync("no-such-function", "ping");
            Assert.Equal(0, unknown.PlanAgeMs); // never placed
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}
