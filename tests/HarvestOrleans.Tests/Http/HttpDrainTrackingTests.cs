using HarvestOrleans.Grains.Invoker;
using System.Net;
using System.Text;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HarvestOrleans.Tests.Http;

/// <summary>Issue 12, item 8: a sync request through a silo's trigger counts as that silo's work until it is answered.</summary>
[Trait("Category", "External")]
public sealed class HttpDrainTrackingTests
{
    [Fact]
    public async Task A_sync_request_through_the_trigger_is_in_flight_for_the_drain_until_answered()
    {
        await using var host = await TriggerHost.StartAsync();
        using var http = host.Http();
        var inFlight = host.Services.GetRequiredService<InFlightInvocations>();

        // Wherever it runs (here, or another VM), the drain of this silo must wait for the request it accepted.
        var response = http.PostAsync("/api/functions/sleep/invoke", new StringContent("""{"milliseconds":3000}""", Encoding.UTF8, "application/json"));
        await Eventually.WaitUntilAsync(() => inFlight.Count == 1 || response.IsCompleted, "the request is counted in flight while it runs");
        Assert.False(response.IsCompleted, "the request was answered before it was seen in flight");

        Assert.Equal(HttpStatusCode.OK, (await response).StatusCode);
        await Eventually.WaitUntilAsync(() => inFlight.Count == 0, "the answered request is no longer in flight");
    }
}
