using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Policies;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Harvest;

/// <summary>
/// Issue 18, item 4: a VM that joins a running cluster (the Resource Monitor's replacement) warms what it will serve
/// before it registers, so the balancer counts it in warm; with the warm-up off it joins cold. Join-shortest-queue
/// sends every function to every VM, so the joiner serves the function whatever the hash ring says; the function's rate
/// over the keep-alive stays up while nothing is called during the join, so only the warm-up can warm it there.
/// </summary>
[Trait("Category", "External")]
public class JoinWarmupTests
{
    private const string Function = "coldcheck";

    [Fact]
    public async Task A_joining_vm_registers_with_the_clusters_hot_function_warm_and_its_first_invocation_there_is_warm()
    {
        await using var h = await StartAsync(warmOnJoin: true);
        await CallUntilRatedAsync(h);

        await h.Harvest.AddVmAsync("vm2", 2);

        // AddVmAsync returns once vm2 is Active, and nothing was called since: only the warm-up can have loaded it.
        Assert.True(IsWarm(h, "vm2"), "the function is warm on the VM the moment it is counted in");

        // The earlier VMs shrink to nothing, so join-shortest-queue has only the new one to send the next call to.
        await h.Harvest.ResizeVmAsync("vm0", 0);
        await h.Harvest.ResizeVmAsync("vm1", 0);
        await h.Harvest.WaitForWorkerSetAsync(Function, set => set.SequenceEqual(["vm2"]), "only the VM that joined takes the function");
        var first = await h.Client.InvokeAsync(Function, []);
        Assert.Equal(InvocationStatus.Succeeded, first.Status);
        Assert.Equal("vm2", first.VmId);
        Assert.False(first.ColdStart, "the first invocation on the VM that joined found its function warm");
    }

    [Fact]
    public async Task With_the_warm_up_off_a_joining_vm_registers_cold()
    {
        await using var h = await StartAsync(warmOnJoin: false);
        await CallUntilRatedAsync(h);

        await h.Harvest.AddVmAsync("vm2", 2);

        Assert.False(IsWarm(h, "vm2"));
    }

    private static Task<HarvestHarness> StartAsync(bool warmOnJoin) => HarvestHarness.StartAsync(2, _ => 2, (_, harvest) => harvest
        .ConfigureBalancing(o => o.Policy = BalancingPolicyNames.JoinShortestQueue)
        .ConfigureEviction(o => o.PreWarmOnJoin = warmOnJoin));

    /// <summary>Calls the function until the cluster's registry shows a rate over the keep-alive for it (what a joining VM ranks by).</summary>
    private static Task CallUntilRatedAsync(HarvestHarness h) => Eventually.WaitUntilAsync(async () =>
    {
        Assert.Equal(InvocationStatus.Succeeded, (await h.Client.InvokeAsync(Function, [])).Status);
        return (await h.Operator.GetClusterAsync()).Functions.Any(f => f.Function == Function && f.KeepAliveRps > 0);
    }, "the registry has a rate of the function");

    private static bool IsWarm(HarvestHarness h, string vm) => h.Harvest.ServiceOf<WarmPool>(vm).WarmFunctions.Contains(Function);
}
