using System.Collections.Concurrent;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Harvest;

[Trait("Category", "External")]
public class ResizeStormTests
{
    [Fact]
    public async Task Cores_changing_every_200ms_under_load_lose_nothing_and_never_overcommit()
    {
        await using var h = await HarvestHarness.StartAsync(3, _ => 4);
        string[] vms = ["vm0", "vm1", "vm2"];

        // Every core count the storm set on each VM, with the time it was set (after the VM applied it).
        var settings = new ConcurrentDictionary<string, ConcurrentQueue<(DateTimeOffset At, double Cores)>>();
        foreach (var vm in vms)
        {
            settings[vm] = new ConcurrentQueue<(DateTimeOffset, double)>([(DateTimeOffset.MinValue, 4)]);
        }

        ConcurrencyProbeFunction.Reset();
        ConcurrencyProbeFunction.RecordStarts = true;
        try
        {
            var load = new SteadyLoad(h.Client, "probe", callers: 16, 40);
            var random = new Random(7);
            var stormEnds = DateTimeOffset.UtcNow.AddSeconds(10);
            while (DateTimeOffset.UtcNow < stormEnds)
            {
                foreach (var vm in vms)
                {
                    var cores = random.Next(1, 5);
                    var before = DateTimeOffset.UtcNow;
                    await h.Operator.ResizeVmAsync(vm, cores);
                    settings[vm].Enqueue((before, cores));
                }

                await Task.Delay(200);
            }

            await load.StopAsync();
            Assert.Equal(load.Started, load.Records.Count);
            Assert.All(load.Records, r => Assert.Equal(InvocationStatus.Succeeded, r.Status));
            Assert.True(load.Records.Count > 100, $"the storm ran under load ({load.Records.Count} invocations)");

            // An invocation is admitted only if the cores in use, itself included, fit the cores at that moment. It starts
            // a little after admission, so allow the largest count set in the 300 ms before it started.
            var starts = ConcurrencyProbeFunction.Starts.ToArray();
            Assert.NotEmpty(starts);
            foreach (var (vm, at, running) in starts)
            {
                var history = settings[vm].ToArray();
                var inForce = history.Last(s => s.At <= at.AddMilliseconds(-300)).Cores;
                var allowed = history.Where(s => s.At > at.AddMilliseconds(-300) && s.At <= at).Select(s => s.Cores).Append(inForce).Max();
                Assert.True(running <= allowed, $"{vm} ran {running} probes at {at:HH:mm:ss.fff} with at most {allowed} cores");
            }
        }
        finally
        {
            ConcurrencyProbeFunction.RecordStarts = false;
        }
    }
}
