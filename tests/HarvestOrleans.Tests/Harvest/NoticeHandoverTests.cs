using HarvestOrleans.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Harvest;

/// <summary>
/// Issue 18, items 1 and 2: on a notice the VM's hot functions are warmed where their traffic goes before the VM
/// drains, so the first invocation after the move is warm; with the handover off, it is a cold start.
/// </summary>
[Trait("Category", "External")]
public class NoticeHandoverTests
{
    private const string Function = "coldcheck";

    [Fact]
    public async Task A_notice_warms_the_victims_hot_function_on_the_vm_that_takes_over_before_it_drains()
    {
        await using var h = await HarvestHarness.StartAsync(3, _ => 2);
        var victim = await ServeFromOneVmAsync(h);

        var evicting = await h.Operator.EvictVmAsync(victim, TimeSpan.FromSeconds(20), "test: notice");

        // EvictVmAsync returns once the VM drains: the handover has run, so the replacement is warm already.
        Assert.Equal(VmState.Draining, evicting.State);
        var warmElsewhere = h.Harvest.RunningVmIds.Where(vm => vm != victim && IsWarm(h, vm)).ToArray();
        Assert.NotEmpty(warmElsewhere);
        var first = await h.Client.InvokeAsync(Function, []);
        Assert.Equal(InvocationStatus.Succeeded, first.Status);
        Assert.NotEqual(victim, first.VmId);
        Assert.Contains(first.VmId, warmElsewhere);
        Assert.False(first.ColdStart, $"the first invocation after the move, on {first.VmId}, found its function warm");
    }

    [Fact]
    public async Task With_the_handover_off_the_first_invocation_after_a_notice_is_a_cold_start()
    {
        await using var h = await HarvestHarness.StartAsync(3, _ => 2, (_, harvest) => harvest.ConfigureEviction(o => o.PreWarmOnNotice = false));
        var victim = await ServeFromOneVmAsync(h);

        await h.Operator.EvictVmAsync(victim, TimeSpan.FromSeconds(20), "test: notice");

        Assert.DoesNotContain(h.Harvest.RunningVmIds, vm => vm != victim && IsWarm(h, vm));
        var first = await h.Client.InvokeAsync(Function, []);
        Assert.Equal(InvocationStatus.Succeeded, first.Status);
        Assert.NotEqual(victim, first.VmId);
        Assert.True(first.ColdStart);
    }

    /// <summary>
    /// Runs the function on one VM's invoker directly until that VM has a recent rate of it: no routing happens before the
    /// notice, so the function is warm there and nowhere else (a routed warm-up may spill to a second VM while the worker
    /// set settles, which would make the other VM warm for a reason the test is not about). Returns that VM.
    /// </summary>
    private static async Task<string> ServeFromOneVmAsync(HarvestHarness h)
    {
        var vm = h.Harvest.RunningVmIds[0];
        var invoker = h.Harvest.Grains.GetGrain<IInvokerGrain>(h.SiloOf(vm).SiloAddress.ToParsableString());
        await Eventually.WaitUntilAsync(async () =>
        {
            var record = await invoker.InvokeAsync(new InvocationRequest { InvocationId = Guid.NewGuid(), Function = Function });
            Assert.Equal(InvocationStatus.Succeeded, record.Status);
            Assert.Equal(vm, record.VmId);
            return h.InvokerOf(vm).RecentRates([Function])[0].Value > 0;
        }, "the serving VM has a recent rate of the function");
        Assert.True(IsWarm(h, vm));
        Assert.DoesNotContain(h.Harvest.RunningVmIds, other => other != vm && IsWarm(h, other));
        return vm;
    }

    private static bool IsWarm(HarvestHarness h, string vm) => h.Harvest.ServiceOf<WarmPool>(vm).WarmFunctions.Contains(Function);
}
