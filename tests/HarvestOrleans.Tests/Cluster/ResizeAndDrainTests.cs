using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Cluster;

/// <summary>Tests that change VMs get a cluster of their own.</summary>
[Trait("Category", "Cluster")]
public class ResizeAndDrainTests(ResizeAndDrainTests.Fixture fixture) : IClassFixture<ResizeAndDrainTests.Fixture>
{
    public sealed class Fixture : HarvestClusterFixture;

    private async Task<IReadOnlyList<InvocationRecord>> BurstAsync(string function, int count, object input) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => fixture.Client.InvokeJsonAsync(function, input)));

    private async Task ResizeAllAsync(double cores)
    {
        var vms = (await fixture.Operator.GetClusterAsync()).Vms.Where(v => v.State == VmState.Active).ToArray();
        foreach (var vm in vms)
        {
            var resized = await fixture.Operator.ResizeVmAsync(vm.VmId, cores);
            Assert.Equal(cores, resized.Cores);
            Assert.Equal(cores, fixture.InvokerOf(vm.VmId).Admission.Cores);
        }
    }

    [Fact]
    public async Task Resizing_down_lowers_the_concurrency_observed_inside_functions()
    {
        await ResizeAllAsync(4);
        ConcurrencyProbeFunction.Reset();
        var before = await BurstAsync("probe", 24, 200);
        Assert.All(before, r => Assert.Equal(InvocationStatus.Succeeded, r.Status));
        var peakBefore = ConcurrencyProbeFunction.PeakByVm.Values.Max();
        Assert.True(peakBefore > 1, $"with 4 cores per VM several probes ran at once (peak {peakBefore})");
        Assert.All(ConcurrencyProbeFunction.PeakByVm.Values, peak => Assert.True(peak <= 4));

        await ResizeAllAsync(1);
        ConcurrencyProbeFunction.Reset();
        var after = await BurstAsync("probe", 24, 50);
        Assert.All(after, r => Assert.Equal(InvocationStatus.Succeeded, r.Status));
        Assert.NotEmpty(ConcurrencyProbeFunction.PeakByVm);
        Assert.All(ConcurrencyProbeFunction.PeakByVm, p => Assert.True(p.Value <= 1, $"{p.Key} ran {p.Value} probes at once on 1 core"));
        Assert.Contains(after, r => r.QueueWaitMs > 0);

        await ResizeAllAsync(4);
    }

    [Fact]
    public async Task A_draining_vm_receives_no_new_invocations()
    {
        var cluster = await fixture.Operator.GetClusterAsync();
        var ring = ConsistentHashRing.Build(cluster.Vms.Select(v => v.VmId));
        var victim = ring.Home("idle-1")!;

        var drained = await fixture.Operator.DrainVmAsync(victim);
        Assert.Equal(VmState.Draining, drained.State);
        Assert.Equal(VmState.Draining, fixture.InvokerOf(victim).State);

        // Every invocation, even those routed by a lease planned before the drain, ends up elsewhere.
        var records = await BurstAsync("idle-1", 30, "after drain");
        Assert.All(records, r => Assert.Equal(InvocationStatus.Succeeded, r.Status));
        Assert.DoesNotContain(records, r => r.VmId == victim);

        await Eventually.WaitUntilAsync(
            async () => (await fixture.Operator.GetFunctionRoutingAsync("idle-1")).WorkerSet.Any(vm => vm != victim),
            "the function's worker set has a member other than the draining VM");
        var view = await fixture.Operator.GetClusterAsync();
        Assert.Equal(VmState.Draining, view.Find(victim)!.State);
    }
}
