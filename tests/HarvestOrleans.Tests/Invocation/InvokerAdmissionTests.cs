using System.Collections.Concurrent;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Functions;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Invocation;

/// <summary>The invoker's admission against its races: queue-wait timeouts, and a drain that starts mid-request.</summary>
[Trait("Category", "Cluster")]
public sealed class InvokerAdmissionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Usage_returns_to_zero_after_queue_wait_timeouts_race_admissions()
    {
        // The load, in process: many callers of a short function on one core with a tiny queue wait, so
        // that timeouts keep firing as the pump admits. Every call must end in a record, and nothing may stay held.
        await using var h = new InvokerHarness(cores: 1, maxQueueWait: TimeSpan.FromMilliseconds(1));
        h.Add(new FunctionSpec { Name = "quick", Cores = 1 }, new QuickFunction());
        var escaped = new ConcurrentQueue<Exception>();
        var statuses = new ConcurrentDictionary<InvocationStatus, int>();
        var callers = Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                try
                {
                    var record = await h.InvokeAsync("quick");
                    statuses.AddOrUpdate(record.Status, 1, (_, n) => n + 1);
                }
                catch (Exception ex)
                {
                    escaped.Enqueue(ex);
                }
            }
        }));

        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromMinutes(2));
        var admission = h.Invoker.Admission;
        Assert.True(escaped.IsEmpty, $"{escaped.Count} call(s) ended in an exception instead of a record, e.g. {escaped.FirstOrDefault()}");
        Assert.Empty(statuses.Keys.Except([InvocationStatus.Succeeded, InvocationStatus.Rejected]));
        await Eventually.WaitUntilAsync(
            () => Task.FromResult(admission.CoresInUse == 0 && admission.Running == 0 && admission.QueueLength == 0),
            () => $"usage returns to zero (cores in use {admission.CoresInUse}, running {admission.Running}, queued {admission.QueueLength})");

        var after = await h.InvokeAsync("quick").WaitAsync(Bound);
        Assert.Equal(InvocationStatus.Succeeded, after.Status);
    }

    [Fact]
    public async Task A_queue_wait_timeout_that_fires_while_the_pump_admits_the_invocation_runs_it_and_releases_its_core()
    {
        // Issue 12's leak, driven deterministically: the invocation's queue-wait timer fires after the pump decided to
        // admit it and before the invoker could know. Today's main threw the TimeoutException out of the invoker and
        // left the core held for good; the admission must stand, run, and be released.
        var timers = new ManualTimers();
        await using var h = new InvokerHarness(cores: 1, maxQueueWait: TimeSpan.FromSeconds(5), time: timers);
        var gated = new GatedFunction();
        h.Add(new FunctionSpec { Name = "gated", Cores = 1 }, gated);
        h.Add(new FunctionSpec { Name = "quick", Cores = 1 }, new QuickFunction());
        var running = h.InvokeAsync("gated");
        await gated.Started.Task.WaitAsync(Bound);
        var waiting = h.InvokeAsync("quick");
        await Eventually.WaitUntilAsync(() => h.Invoker.Admission.QueueLength == 1, "the second call waits for the core");
        var fired = 0;
        h.Invoker.Admission.OnAdmitted = (_, _, _) => fired += timers.FireAll();

        gated.Release();
        Assert.Equal(InvocationStatus.Succeeded, (await running.WaitAsync(Bound)).Status);
        var record = await waiting.WaitAsync(Bound);
        Assert.Equal(1, fired);
        Assert.Equal(InvocationStatus.Succeeded, record.Status);
        await Eventually.WaitUntilAsync(
            () => Task.FromResult(h.Invoker.Admission.CoresInUse == 0 && h.Invoker.Admission.Running == 0),
            () => $"the core is released (cores in use {h.Invoker.Admission.CoresInUse}, running {h.Invoker.Admission.Running})");
        Assert.Equal(InvocationStatus.Succeeded, (await h.InvokeAsync("quick").WaitAsync(Bound)).Status);
    }

    [Fact]
    public async Task A_request_that_passed_the_state_check_is_not_admitted_once_the_drain_started()
    {
        await using var h = new InvokerHarness(cores: 2, maxQueueWait: Bound);
        var gated = new GatedFunction();
        h.Add(new FunctionSpec { Name = "gated", Cores = 1 }, gated);
        var lookup = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.CatalogGate = lookup.Task;

        var call = h.InvokeAsync("gated");
        await h.LookupStarted.Task.WaitAsync(Bound); // past the state check, waiting on the catalog
        h.Invoker.ApplyVmState(2, VmState.Draining);
        Assert.Equal(0, h.Invoker.Admission.Running); // what the drain counts: nothing runs, so it may end now

        lookup.SetResult();
        var first = await Task.WhenAny(call, gated.Started.Task).WaitAsync(Bound);
        gated.Release();
        Assert.True(first == call, "the function started on a VM whose drain had counted zero running");
        var record = await call;
        Assert.Equal(InvocationStatus.Rejected, record.Status);
        Assert.Equal(InvocationErrorTypes.VmDraining, record.Error?.Type);
        Assert.Equal(0, h.Invoker.Admission.Running);
        Assert.Equal(0, h.Invoker.Admission.CoresInUse);
    }

    [Fact]
    public async Task A_waiting_request_is_turned_away_by_the_drain_and_a_reactivated_vm_admits_again()
    {
        await using var h = new InvokerHarness(cores: 1, maxQueueWait: Bound);
        var gated = new GatedFunction();
        h.Add(new FunctionSpec { Name = "gated", Cores = 1 }, gated);
        var running = h.InvokeAsync("gated");
        await gated.Started.Task.WaitAsync(Bound);
        var waiting = h.InvokeAsync("gated");
        await Eventually.WaitUntilAsync(() => h.Invoker.Admission.QueueLength == 1, "the second call waits for the core");

        h.Invoker.ApplyVmState(1, VmState.Draining);
        var turnedAway = await waiting.WaitAsync(Bound);
        Assert.Equal(InvocationErrorTypes.VmDraining, turnedAway.Error?.Type);
        Assert.Equal(1, h.Invoker.Admission.Running); // running work is untouched by the drain

        gated.Release();
        Assert.Equal(InvocationStatus.Succeeded, (await running.WaitAsync(Bound)).Status);
        Assert.Equal(0, h.Invoker.Admission.Running);

        h.Invoker.ApplyVmState(1, VmState.Active);
        Assert.Equal(InvocationStatus.Succeeded, (await h.InvokeAsync("gated").WaitAsync(Bound)).Status);
    }
}
