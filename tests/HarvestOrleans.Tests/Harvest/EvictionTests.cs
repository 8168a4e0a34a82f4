using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Harvest;

[Trait("Category", "External")]
public class EvictionTests
{
    [Fact]
    public async Task A_notice_drains_the_vm_moves_its_grains_and_loses_no_invocation()
    {
        await using var h = await HarvestHarness.StartAsync(3, _ => 4);

        // The function's grain on the victim, so that its eviction has to carry the grain's state elsewhere.
        var victim = await PutGrainOnHomeVmAsync(h, "once");

        var load = new SteadyLoad(h.Client, "once", callers: 8, new { milliseconds = 150 });
        await Eventually.WaitUntilAsync(() => load.Records.Count(r => r.VmId == victim) >= 5, "the victim VM serves part of the load");
        await Eventually.WaitUntilAsync(async () => (await h.Operator.GetFunctionRoutingAsync("once")).Invocations > 0, "usage reached the function grain");
        var invocationsBefore = (await h.Operator.GetFunctionRoutingAsync("once")).Invocations;

        var draining = await h.Operator.EvictVmAsync(victim, TimeSpan.FromSeconds(3));
        var noticeProcessed = DateTimeOffset.UtcNow;
        Assert.Equal(VmState.Draining, draining.State);

        await Eventually.WaitUntilAsync(() => !h.IsSiloActive(victim), "the victim's silo stops after the deadline", TimeSpan.FromSeconds(60));
        await Eventually.WaitUntilAsync(
            async () => !(await h.Operator.GetFunctionRoutingAsync("once")).WorkerSet.Contains(victim),
            "the worker set no longer contains the victim");
        await Eventually.WaitUntilAsync(() => load.Records.Count(r => r.CompletedAt > noticeProcessed.AddSeconds(4)) > 20, "the survivors keep serving");
        await load.StopAsync();

        Assert.Equal(load.Started, load.Records.Count); // every call got exactly one record
        Assert.All(load.Records, r => Assert.Equal(InvocationStatus.Succeeded, r.Status));
        var lateOnVictim = load.Records
            .Where(r => r.VmId == victim)
            .Select(r => r.CompletedAt.AddMilliseconds(-(r.ExecutionMs + r.InitMs)))
            .Where(started => started > noticeProcessed.AddMilliseconds(50))
            .ToArray();
        Assert.Empty(lateOnVictim);

        var record = await h.Operator.GetVmAsync(victim);
        Assert.Equal(VmState.Evicted, record!.State); // the VM grain's durable state outlived its silo
        var after = await h.Operator.GetFunctionRoutingAsync("once");
        Assert.True(after.Invocations >= invocationsBefore, $"the function grain kept its profile across the move ({after.Invocations} >= {invocationsBefore})");
        Assert.Contains((await h.Operator.GetClusterAsync()).Functions, f => f.Function == "once" && !f.WorkerSet.Contains(victim));
    }

    [Fact]
    public async Task A_vm_killed_without_notice_retries_idempotent_work_and_reports_the_rest_evicted()
    {
        await using var h = await HarvestHarness.StartAsync(3, _ => 2);
        const string victim = "vm1";
        var idempotent = new SteadyLoad(h.Client, "work", callers: 10, new { milliseconds = 300 });
        var once = new SteadyLoad(h.Client, "once", callers: 10, new { milliseconds = 300 });
        // Both must be running there at the kill: an idempotent one to be retried, a non-idempotent one to be lost.
        await Eventually.WaitUntilAsync(
            () => h.InvokerOf(victim).Admission is var a && a.RunningOf("work") >= 1 && a.RunningOf("once") >= 1,
            "both functions run on the victim");

        await h.Cluster.KillSiloAsync(h.SiloOf(victim));
        var killedAt = DateTimeOffset.UtcNow;
        await Eventually.WaitUntilAsync(
            () => idempotent.Records.Count(r => r.CompletedAt > killedAt.AddSeconds(3)) > 10 && once.Records.Count(r => r.CompletedAt > killedAt.AddSeconds(3)) > 10,
            "the cluster keeps serving after the kill", TimeSpan.FromSeconds(60));
        await Task.WhenAll(idempotent.StopAsync(), once.StopAsync());

        Assert.Equal(idempotent.Started, idempotent.Records.Count);
        Assert.Equal(once.Started, once.Records.Count);
        Assert.All(idempotent.Records, r => Assert.Equal(InvocationStatus.Succeeded, r.Status));
        Assert.Contains(idempotent.Records, r => r.Attempts > 1);
        Assert.All(once.Records, r => Assert.Contains(r.Status, new[] { InvocationStatus.Succeeded, InvocationStatus.Evicted }));
        Assert.Contains(once.Records, r => r.Status == InvocationStatus.Evicted && r.VmId == victim);
        Assert.All(
            once.Records.Where(r => r.CompletedAt.AddMilliseconds(-r.LatencyMs) > killedAt.AddSeconds(3)),
            r => Assert.Equal(InvocationStatus.Succeeded, r.Status)); // calls made once the cluster had noticed the death

        await Eventually.WaitUntilAsync(
            async () => (await h.Operator.GetVmAsync(victim))?.State == VmState.Evicted,
            "the dead silo's VM is marked evicted");
    }

    [Fact]
    public async Task A_function_whose_grain_died_with_its_vm_replans_its_worker_set_without_another_call()
    {
        await using var h = await HarvestHarness.StartAsync(3, _ => 4);

        // The function's worker set holds its home VM, and its grain lives there too: a kill takes both. (Right after
        // an invocation the home's recent peak can leave it without headroom for a moment: replan until it has.)
        var victim = await PutGrainOnHomeVmAsync(h, "once");
        string[] listed = [];
        await Eventually.WaitUntilAsync(
            async () => (await h.Operator.GetFunctionRoutingAsync("once")).WorkerSet.Contains(victim)
                && (listed = (await h.Operator.GetClusterAsync()).Functions.FirstOrDefault(f => f.Function == "once")?.WorkerSet ?? []).Contains(victim),
            () => $"the cluster snapshot lists the victim {victim} in the function's worker set (listed: {string.Join(",", listed)})");

        await h.Cluster.KillSiloAsync(h.SiloOf(victim));

        // No invocation and no routing query follows: the eviction itself must replan the orphaned function.
        await Eventually.WaitUntilAsync(
            async () => (await h.Operator.GetClusterAsync()).Functions.Any(f => f.Function == "once" && f.WorkerSet.Length > 0 && !f.WorkerSet.Contains(victim)),
            "the snapshot's worker set moved onto a survivor",
            TimeSpan.FromSeconds(30));
        Assert.NotNull(h.SiloHostingFunction("once")); // re-activated on a survivor
    }

    /// <summary>Moves the function's grain onto its home VM (its place on the VM ring) and returns that VM.</summary>
    private static async Task<string> PutGrainOnHomeVmAsync(HarvestHarness h, string function)
    {
        var vms = (await h.Operator.GetClusterAsync()).Vms.Select(v => v.VmId).ToArray();
        var home = ConsistentHashRing.Build(vms).Home(function)!;
        Assert.True((await h.Client.InvokeJsonAsync(function, new { milliseconds = 1 })).IsSuccess);
        if (h.SiloHostingFunction(function) != home)
        {
            await h.Cluster.MigrateAsync(h.Cluster.Client.GetGrain<IFunctionGrain>(function), h.SiloOf(home).SiloAddress);
        }

        await Eventually.WaitUntilAsync(
            async () =>
            {
                await h.Operator.GetFunctionRoutingAsync(function); // the migrated grain activates on its first call
                return h.SiloHostingFunction(function) == home;
            },
            $"the grain of '{function}' lives on its home VM {home}");
        return home;
    }
}
