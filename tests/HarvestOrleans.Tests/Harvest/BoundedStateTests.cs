using System.Globalization;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Harvest;
using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Grains.Provisioning;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Harvest;

/// <summary>Issue 12, items 2, 3 and 12 at unit level: bounded id sets, the provisioning cap, notice limits, Scheduled Events.</summary>
[Trait("Category", "External")]
public class BoundedStateTests
{
    [Fact]
    public void Handled_event_ids_are_bounded_and_the_recent_ones_still_deduplicate()
    {
        var handled = new RecentIdSet<Guid>(RecentIdSet<Guid>.DEFAULT_CAPACITY);
        var ids = Enumerable.Range(0, 100_000).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in ids)
        {
            Assert.True(handled.Add(id));
        }

        Assert.Equal(RecentIdSet<Guid>.DEFAULT_CAPACITY, handled.Count); // not 100,000
        Assert.False(handled.Add(ids[^1])); // a redelivery of a recent event is still ignored
        Assert.False(handled.Add(ids[^RecentIdSet<Guid>.DEFAULT_CAPACITY]));
        Assert.True(handled.Add(ids[0])); // the oldest was forgotten
        Assert.Equal(ids[^(RecentIdSet<Guid>.DEFAULT_CAPACITY - 1)..].Append(ids[0]), handled);

        handled.Remove(ids[0]);
        Assert.False(handled.Contains(ids[0]));
        Assert.True(handled.Add(ids[0])); // a failed handling is handled again
    }

    [Fact]
    public void The_resource_monitor_does_not_request_again_while_cores_grow_but_stay_under_the_minimum()
    {
        var grace = TimeSpan.FromSeconds(60);
        var plan = new ProvisioningPlan(grace);
        var t0 = DateTimeOffset.UnixEpoch;

        Assert.Equal(ProvisioningDecision.Request, plan.Decide(t0, cores: 2, minimum: 8, provisioning: false));
        Assert.Equal(6, plan.Requested);

        // The first of the requested VMs arrives: more cores, still short. The request made covers it: no second one.
        var requests = 0;
        for (var i = 1; i <= 50; i++)
        {
            var cores = Math.Min(7.5, 2 + (i * 0.1));
            if (plan.Decide(t0.AddSeconds(i), cores, minimum: 8, provisioning: i < 5) == ProvisioningDecision.Request)
            {
                requests++;
            }
        }

        Assert.Equal(0, requests);
        Assert.Equal(ProvisioningDecision.Enough, plan.Decide(t0.AddSeconds(51), cores: 8, minimum: 8, provisioning: false));

        // After the grace, a request that did not bring everything is followed by one for what is still missing.
        Assert.Equal(ProvisioningDecision.Request, plan.Decide(t0.AddSeconds(61), cores: 5, minimum: 8, provisioning: false));
        Assert.Equal(3, plan.Requested);
        Assert.Equal(ProvisioningDecision.Waiting, plan.Decide(t0.AddSeconds(62), cores: 6, minimum: 8, provisioning: false));

        // Within the grace, once the request's cores have all arrived, a new deficit (another eviction) is requested.
        Assert.Equal(ProvisioningDecision.Request, plan.Decide(t0.AddSeconds(63), cores: 8, minimum: 10, provisioning: false));
        Assert.Equal(2, plan.Requested);
        Assert.Equal(ProvisioningDecision.Enough, plan.Decide(t0.AddSeconds(64), cores: 0, minimum: 0, provisioning: false));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(86_400, true)]
    [InlineData(-5, false)]
    [InlineData(-0.001, false)]
    [InlineData(86_400.5, false)]
    [InlineData(1e300, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    public void Eviction_notices_are_limited_to_zero_to_one_day(double seconds, bool allowed)
    {
        Assert.Equal(allowed, EvictionNotices.Problem(seconds) is null);
        if (allowed)
        {
            Assert.Equal(TimeSpan.FromSeconds(seconds), EvictionNotices.FromSeconds(seconds));
            Assert.Null(EvictionNotices.Problem(TimeSpan.FromSeconds(seconds)));
        }
        else
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EvictionNotices.FromSeconds(seconds));
            Assert.Contains("between 0 and 86400 seconds", ex.Message);
        }
    }

    [Fact]
    public async Task A_scheduled_event_whose_not_before_moves_forward_is_signalled_again_with_it()
    {
        await using var endpoint = new FakeScheduledEventsEndpoint();
        using var http = new HttpClient();
        var source = new ScheduledEventsSource(http, endpoint.Uri, "azure-vm-1", TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30), TimeProvider.System);
        var later = DateTimeOffset.UtcNow.AddMinutes(10);
        var sooner = DateTimeOffset.UtcNow.AddMinutes(1);
        endpoint.Serve(Document(later));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<EvictionNotice>();
        Task? moveForward = null;
        await foreach (var signal in source.WatchAsync(cts.Token))
        {
            seen.Add((EvictionNotice)signal);
            if (seen.Count > 1)
            {
                break;
            }

            // The same document is polled a few more times (not signalled again), then Azure brings NotBefore forward.
            var gets = Volatile.Read(ref endpoint.Gets);
            moveForward = Task.Run(async () =>
            {
                await Eventually.WaitUntilAsync(() => Volatile.Read(ref endpoint.Gets) >= gets + 3, "the source polls the same document again");
                endpoint.Serve(Document(sooner));
            });
        }

        await moveForward!;

        Assert.Equal(2, seen.Count);
        Assert.All(seen, n => Assert.Equal("E1", n.EventId));
        Assert.Equal(later.ToUnixTimeSeconds(), seen[0].NotBefore.ToUnixTimeSeconds());
        Assert.Equal(sooner.ToUnixTimeSeconds(), seen[1].NotBefore.ToUnixTimeSeconds());

        static string Document(DateTimeOffset notBefore) => $$"""
            {"DocumentIncarnation": 1, "Events": [{"EventId": "E1", "EventStatus": "Scheduled", "EventType": "Preempt",
              "ResourceType": "VirtualMachine", "Resources": ["azure-vm-1"],
              "NotBefore": "{{notBefore.ToString("r", CultureInfo.InvariantCulture)}}"}]}
            """;
    }
}
