using HarvestOrleans.Grains.Infrastructure;
using System.Globalization;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HarvestOrleans.Tests.Harvest;

/// <summary>Issue 12, item 2: every notice leads to eviction by its deadline, whatever state the VM was in.</summary>
[Trait("Category", "External")]
public class EvictionNoticeTests
{
    [Fact]
    public async Task A_notice_after_an_operator_drain_evicts_the_vm_by_its_deadline()
    {
        await using var h = await HarvestHarness.StartAsync(3, _ => 2);
        const string victim = "vm2";

        Assert.Equal(VmState.Draining, (await h.Operator.DrainVmAsync(victim)).State);
        var evicting = await h.Operator.EvictVmAsync(victim, TimeSpan.FromSeconds(3));
        Assert.Equal(VmState.Draining, evicting.State);
        Assert.NotNull(evicting.EvictionDeadline); // the drain without deadline now has one

        await Eventually.WaitUntilAsync(() => !h.IsSiloActive(victim), "the drained VM's silo stops at the notice's deadline", TimeSpan.FromSeconds(30));
        await Eventually.WaitUntilAsync(async () => (await h.Operator.GetVmAsync(victim))?.State == VmState.Evicted, "the VM is evicted");
        var vm = await h.Operator.GetVmAsync(victim);
        Assert.Contains("drained by an operator", vm!.EvictionReason);
        Assert.Contains("evicted by an operator", vm.EvictionReason);
    }

    [Fact]
    public async Task A_scheduled_event_sooner_than_an_operators_eviction_shortens_the_deadline()
    {
        await using var endpoint = new FakeScheduledEventsEndpoint();
        await using var h = await HarvestHarness.StartAsync(3, _ => 2, (index, harvest) => harvest.ConfigureMonitor(o =>
        {
            o.ScheduledEvents = true;
            o.ScheduledEventsEndpoint = endpoint.Uri;
            o.AzureVmName = $"azure-vm{index}"; // azure-vm2 for vm2
            o.PollInterval = TimeSpan.FromMilliseconds(100);
        }));
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref endpoint.Gets) >= 3, "every silo polls the endpoint");

        // A long invocation keeps its VM's drain going until the deadline (an idle VM is evicted as soon as it drained).
        GatedFunction.Reset();
        var running = h.Client.InvokeJsonAsync("gated", 60_000);
        await Eventually.WaitUntilAsync(() => !GatedFunction.StartedOn.IsEmpty, "the gated invocation runs");
        var victim = Assert.Single(GatedFunction.StartedOn);
        var drain = h.Cluster.GetSiloServiceProvider(h.SiloOf(victim).SiloAddress).GetRequiredService<VmDrainCoordinator>();

        var late = await h.Operator.EvictVmAsync(victim, TimeSpan.FromMinutes(10));
        Assert.Equal(VmState.Draining, late.State);
        await Eventually.WaitUntilAsync(() => drain.WaitingFor > 0, "the victim's drain waits for its running invocation");

        var notBefore = DateTimeOffset.UtcNow.AddSeconds(3);
        endpoint.Serve($$"""
            {"DocumentIncarnation": 3, "Events": [{
              "EventId": "0B5E5C4A-9A5B-4E7B-9B39-2B0D4C1E7A11", "EventStatus": "Scheduled", "EventType": "Preempt",
              "ResourceType": "VirtualMachine", "Resources": ["azure-{{victim}}"],
              "NotBefore": "{{notBefore.ToString("r", CultureInfo.InvariantCulture)}}",
              "Description": "The Spot/Harvest VM is being evicted.", "EventSource": "Platform", "DurationInSeconds": -1 }]}
            """);

        await Eventually.WaitUntilAsync(
            async () => (await h.Operator.GetVmAsync(victim)) is { EvictionDeadline: { } d } && d < late.EvictionDeadline!.Value.AddMinutes(-5),
            "the Preempt's NotBefore replaces the operator's later deadline");
        await Eventually.WaitUntilAsync(() => !h.IsSiloActive(victim), "the victim's silo stops by the sooner deadline", TimeSpan.FromSeconds(40));
        await Eventually.WaitUntilAsync(() => !endpoint.Posts.IsEmpty, "the drained VM acknowledges the event");
        Assert.Contains("Preempt", (await h.Operator.GetVmAsync(victim))!.EvictionReason);
        Assert.True(drain.Deadline < late.EvictionDeadline!.Value.AddMinutes(-5), $"the drain's deadline {drain.Deadline:O} moved forward");
        var cutOff = await running;
        Assert.Equal(InvocationStatus.Evicted, cutOff.Status); // cut off at the sooner deadline, not run again (not idempotent)
    }

    [Fact]
    public async Task A_draining_state_stored_before_a_failed_step_is_driven_to_completion_on_retry()
    {
        var failures = new FailOnce(nameof(ISiloAgentGrain.HandleEvictionAsync));
        await using var h = await HarvestHarness.StartAsync(3, _ => 2, (_, harvest) => harvest.Services.AddSingleton<IIncomingGrainCallFilter>(failures));
        const string victim = "vm1";

        // Bad notices are the caller's error (item 3): refused before anything is sent, and nothing changes.
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Operator.EvictVmAsync(victim, TimeSpan.FromSeconds(-5)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Operator.EvictVmAsync(victim, TimeSpan.FromDays(2)));
        Assert.Equal(VmState.Active, (await h.Operator.GetVmAsync(victim))!.State);

        // The VM grain stores Draining, then telling the VM's silo fails: the caller hears the error.
        failures.Arm();
        await Assert.ThrowsAnyAsync<Exception>(() => h.Operator.EvictVmAsync(victim, TimeSpan.FromSeconds(2)));
        Assert.Equal(VmState.Draining, (await h.Operator.GetVmAsync(victim))!.State);
        Assert.Equal(1, failures.Failed);

        // The caller retries: the stored Draining state must not make the retry a no-op.
        var retried = await h.Operator.EvictVmAsync(victim, TimeSpan.FromSeconds(2));
        Assert.Equal(VmState.Draining, retried.State);
        await Eventually.WaitUntilAsync(() => !h.IsSiloActive(victim), "the retried notice drains the VM and stops its silo", TimeSpan.FromSeconds(30));
        await Eventually.WaitUntilAsync(async () => (await h.Operator.GetVmAsync(victim))?.State == VmState.Evicted, "the VM is evicted");
    }

    /// <summary>Issue 12, item 8: a drain waits for the async invocations its silo holds while they run on other VMs.</summary>
    [Fact]
    public async Task A_drain_waits_for_an_async_invocation_its_silo_holds_that_runs_on_another_vm()
    {
        await using var h = await HarvestHarness.StartAsync(3, _ => 2);
        const string victim = "vm2";
        var victimServices = h.Cluster.GetSiloServiceProvider(h.SiloOf(victim).SiloAddress);
        var drain = victimServices.GetRequiredService<VmDrainCoordinator>();
        await h.Operator.ResizeVmAsync(victim, 0); // the function runs elsewhere; its async record lives on the victim
        await Eventually.WaitUntilAsync(
            () => h.Cluster.GetActiveSilos().All(s => h.Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<ClusterViewCache>().Snapshot.Find(victim)?.Cores == 0),
            "every silo's cluster view has the victim at 0 cores");

        // Accepted through the victim's silo (as its HTTP trigger does): the record grain is placed there.
        var id = Guid.NewGuid();
        var request = new InvocationRequest { InvocationId = id, Function = "gated", Payload = "60000"u8.ToArray() };
        GatedFunction.Reset();
        await victimServices.GetRequiredService<IGrainFactory>().GetGrain<IAsyncInvocationGrain>(id).AcceptAsync(request, victim);
        Assert.Contains(victimServices.GetRequiredService<LocalGrainRegistry>().Evacuating, g => g.GetGrainId() == h.Cluster.Client.GetGrain<IAsyncInvocationGrain>(id).GetGrainId());
        await Eventually.WaitUntilAsync(() => !GatedFunction.StartedOn.IsEmpty, "the invocation runs");
        Assert.NotEqual(victim, Assert.Single(GatedFunction.StartedOn));

        await h.Operator.EvictVmAsync(victim, TimeSpan.FromSeconds(30));
        await Eventually.WaitUntilAsync(
            () => drain.WaitingFor > 0 || !h.IsSiloActive(victim),
            "the drain waits for the invocation (or, wrongly, the silo stopped)");
        Assert.True(h.IsSiloActive(victim), "the victim's silo stopped while an invocation it accepted was still running elsewhere");

        GatedFunction.Release();
        await Eventually.WaitUntilAsync(
            async () => (await h.Operator.GetInvocationAsync(id)).State == AsyncInvocationState.Completed,
            "the invocation gets its final record", TimeSpan.FromSeconds(30));
        var done = await h.Operator.GetInvocationAsync(id);
        Assert.Equal(InvocationStatus.Succeeded, done.Record!.Status);
        Assert.Equal(1, done.Dispatches); // run once, not resumed elsewhere

        await Eventually.WaitUntilAsync(() => !h.IsSiloActive(victim), "then the silo stops, long before the deadline", TimeSpan.FromSeconds(20));
        await Eventually.WaitUntilAsync(async () => (await h.Operator.GetVmAsync(victim))?.State == VmState.Evicted, "the VM is evicted");
        Assert.Contains("drained and evicted", (await h.Operator.GetVmAsync(victim))!.EvictionReason);
    }

    /// <summary>Issue 12, item 12: the registry forgets evicted VMs after the retention period.</summary>
    [Fact]
    public async Task The_registry_forgets_an_evicted_vm_after_the_retention()
    {
        await using var h = await HarvestHarness.StartAsync(3, _ => 2, (_, harvest) => harvest.ConfigureEviction(o => o.EvictedVmRetention = TimeSpan.FromSeconds(2)));
        await h.Cluster.KillSiloAsync(h.SiloOf("vm1"));
        await Eventually.WaitUntilAsync(
            async () => (await h.Operator.GetVmAsync("vm1"))?.State == VmState.Evicted,
            "the killed VM is marked evicted");

        await Eventually.WaitUntilAsync(
            async () => (await h.Operator.GetClusterAsync()).Vms.All(v => v.VmId != "vm1"),
            "the registry no longer lists the evicted VM", TimeSpan.FromSeconds(30));
        var cluster = await h.Operator.GetClusterAsync();
        Assert.Equal(["vm0", "vm2"], cluster.Vms.Select(v => v.VmId));
        Assert.All(cluster.Vms, v => Assert.Equal(VmState.Active, v.State)); // live VMs are kept
        Assert.Equal(VmState.Evicted, (await h.Operator.GetVmAsync("vm1"))!.State); // the VM's own record stays
    }

    /// <summary>Fails the first call of <c>method</c> after <see cref="Arm"/>, before the grain sees it.</summary>
    private sealed class FailOnce(string method) : IIncomingGrainCallFilter
    {
        private int _armed;
        private int _failed;

        public int Failed => Volatile.Read(ref _failed);

        public void Arm() => Volatile.Write(ref _armed, 1);

        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.Name == method && Interlocked.Exchange(ref _armed, 0) == 1)
            {
                Interlocked.Increment(ref _failed);
                throw new InvalidOperationException($"injected failure of {method}");
            }

            return context.Invoke();
        }
    }
}
