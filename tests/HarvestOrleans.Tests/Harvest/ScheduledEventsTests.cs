using System.Globalization;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Harvest;

[Trait("Category", "External")]
public class ScheduledEventsTests
{
    [Fact]
    public async Task A_preempt_event_for_this_vm_drives_the_whole_drain_and_is_acknowledged()
    {
        await using var endpoint = new FakeScheduledEventsEndpoint();
        await using var h = await HarvestHarness.StartAsync(3, _ => 2, (index, harvest) => harvest.ConfigureMonitor(o =>
        {
            o.ScheduledEvents = true;
            o.ScheduledEventsEndpoint = endpoint.Uri;
            o.AzureVmName = $"azure-vm-{index}";
            o.PollInterval = TimeSpan.FromMilliseconds(100);
        }));
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref endpoint.Gets) >= 3, "every silo polls the endpoint");

        endpoint.FailPosts(1); // the first acknowledgement fails: it is retried, not lost

        var load = new SteadyLoad(h.Client, "work", callers: 6, new { milliseconds = 100 });
        var notBefore = DateTimeOffset.UtcNow.AddSeconds(4);

        // A document as Azure serves it: a Freeze for another VM (ignored) and a Preempt for azure-vm-2.
        endpoint.Serve($$"""
            {
              "DocumentIncarnation": 2,
              "Events": [
                {
                  "EventId": "C7061BAC-AFDC-4513-B24B-AA5F13A16123",
                  "EventStatus": "Scheduled",
                  "EventType": "Freeze",
                  "ResourceType": "VirtualMachine",
                  "Resources": ["azure-vm-0"],
                  "NotBefore": "{{notBefore.ToString("r", CultureInfo.InvariantCulture)}}",
                  "Description": "Virtual machine is being paused because of a memory-preserving Live Migration operation.",
                  "EventSource": "Platform",
                  "DurationInSeconds": 5
                },
                {
                  "EventId": "F6E1E3D6-3A2C-4C3E-8E3A-1D7C7F0B2E55",
                  "EventStatus": "Scheduled",
                  "EventType": "Preempt",
                  "ResourceType": "VirtualMachine",
                  "Resources": ["azure-vm-2"],
                  "NotBefore": "{{notBefore.ToString("r", CultureInfo.InvariantCulture)}}",
                  "Description": "The Spot/Harvest VM is being evicted.",
                  "EventSource": "Platform",
                  "DurationInSeconds": -1
                }
              ]
            }
            """);

        await Eventually.WaitUntilAsync(
            async () => (await h.Operator.GetVmAsync("vm2"))?.State == VmState.Draining || (await h.Operator.GetVmAsync("vm2"))?.State == VmState.Evicted,
            "the Preempt notice puts vm2 into drain");
        var vm2 = await h.Operator.GetVmAsync("vm2");
        Assert.Contains("Preempt", vm2!.EvictionReason);
        Assert.Equal(VmState.Active, (await h.Operator.GetVmAsync("vm0"))!.State); // the Freeze is not an eviction

        await Eventually.WaitUntilAsync(() => !endpoint.Posts.IsEmpty, "the drained VM acknowledges the event", TimeSpan.FromSeconds(60));
        Assert.Equal(1, endpoint.FailedPosts);
        Assert.Contains("\"StartRequests\"", endpoint.Posts.Single());
        Assert.Contains("F6E1E3D6-3A2C-4C3E-8E3A-1D7C7F0B2E55", endpoint.Posts.Single());
        await Eventually.WaitUntilAsync(() => !h.IsSiloActive("vm2"), "vm2's silo stops");
        await Eventually.WaitUntilAsync(async () => (await h.Operator.GetVmAsync("vm2"))?.State == VmState.Evicted, "vm2 is evicted");

        await load.StopAsync();
        Assert.Equal(load.Started, load.Records.Count);
        Assert.All(load.Records, r => Assert.Equal(InvocationStatus.Succeeded, r.Status));
        Assert.Equal(0, endpoint.RejectedWithoutHeader);
    }
}
