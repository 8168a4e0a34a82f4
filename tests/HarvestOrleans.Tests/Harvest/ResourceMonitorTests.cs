using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Hosting;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Harvest;

[Trait("Category", "External")]
public class ResourceMonitorTests
{
    [Fact]
    public async Task The_resource_monitor_replaces_an_evicted_vms_cores()
    {
        await using var h = await HarvestHarness.StartAsync(3, _ => 2, (_, harvest) => harvest.ConfigureResourceMonitor(o =>
        {
            o.MinimumActiveCores = 6;
            o.CheckInterval = TimeSpan.FromMilliseconds(250);
            o.ProvisionGrace = TimeSpan.FromSeconds(30);
            o.StartupGrace = TimeSpan.FromSeconds(2);
        }));

        await Eventually.WaitUntilAsync(
            async () => (await h.Operator.GetPoolHistoryAsync()).Any(s => s.Note is null && s.ActiveCores >= 6),
            "the monitor sees the full pool after its start-up grace");
        await h.Cluster.KillSiloAsync(h.SiloOf("vm1"));
        await Eventually.WaitUntilAsync(
            async () => (await h.Operator.GetClusterAsync()).Vms.Any(v => v.VmId == "vm1" && v.State == VmState.Evicted),
            "the killed VM is seen as evicted");

        await Eventually.WaitUntilAsync(
            async () =>
            {
                var active = (await h.Operator.GetClusterAsync()).Vms.Where(v => v.State == VmState.Active).ToArray();
                return active.Sum(v => v.Cores) >= 6 && active.Any(v => v.VmId is not ("vm0" or "vm1" or "vm2"));
            },
            "a provisioned VM brings the Active cores back to the minimum", TimeSpan.FromSeconds(60));

        await Eventually.WaitUntilAsync(
            async () => (await h.Operator.GetPoolHistoryAsync()).Any(s => s.Note?.Contains("provisioned: started Silo_3") == true),
            "the history records what was provisioned");
        var history = await h.Operator.GetPoolHistoryAsync();
        Assert.Contains(history, s => s.RequestedCores >= 2 && s.ActiveCores < 6);
        Assert.Contains(history, s => s.ActiveCores >= 6);
        Assert.True((await h.Client.InvokeJsonAsync("echo", 1)).IsSuccess);
    }
}
