using System.Collections.Concurrent;
using HarvestOrleans.Cluster;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using Xunit;

namespace HarvestOrleans.Testing.Sample;

/// <summary>The app's function keeps working while the harvest VM that runs it is evicted with notice.</summary>
[Trait("Category", "Cluster")]
public sealed class ThumbnailEvictionTests
{
    [Fact]
    public async Task Every_invocation_gets_one_final_record_when_its_vm_is_evicted()
    {
        await using var cluster = await new HarvestTestClusterBuilder()
            .AddVms(2, 2)
            .ConfigureHarvest(harvest => harvest.AddFunction<ThumbnailFunction>(ThumbnailFunction.Spec))
            .StartAsync();
        var first = await cluster.Client.InvokeJsonAsync("thumbnail", new ThumbnailFunction.Request("cat.png", 10));
        Assert.Equal(InvocationStatus.Succeeded, first.Status);
        var victim = first.VmId!;

        // Callers invoke in a loop while the VM that ran the first call is evicted, with 2 seconds' notice.
        using var stop = new CancellationTokenSource();
        var records = new ConcurrentBag<InvocationRecord>();
        var started = 0;
        var callers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref started);
                records.Add(await cluster.Client.InvokeJsonAsync("thumbnail", new ThumbnailFunction.Request("dog.png", 100)));
            }
        })).ToArray();
        var submitted = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => cluster.Client.SubmitJsonAsync("thumbnail", new ThumbnailFunction.Request($"async-{i}.png", 100))));

        var evicted = await cluster.EvictVmAsync(victim, notice: TimeSpan.FromSeconds(2));
        var evictedAt = DateTimeOffset.UtcNow;
        await cluster.WaitUntilAsync(() => records.Count(r => r.CompletedAt > evictedAt) >= 10, "the surviving VM serves 10 more calls");
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        Assert.Equal(VmState.Evicted, evicted.State);
        Assert.DoesNotContain(victim, cluster.RunningVmIds);
        Assert.Equal(started, records.Count); // every call got exactly one final record ...
        Assert.All(records, r => Assert.Equal(InvocationStatus.Succeeded, r.Status)); // ... a success (retried elsewhere if needed)
        Assert.All(records.Where(r => r.CompletedAt > evictedAt), r => Assert.NotEqual(victim, r.VmId));
        foreach (var invocation in submitted)
        {
            var record = await cluster.WaitForRecordAsync(invocation.Id);
            Assert.Equal(InvocationStatus.Succeeded, record.Status);
        }
    }
}
