using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Functions;
using HarvestOrleans.Hosting;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HarvestOrleans.Tests.Cluster;

/// <summary>
/// Orleans leaves an external client's call unanswered when the gateway silo it went through dies
/// (dotnet/orleans#10165), which is how the eviction benchmark "lost" calls on a busy machine: the worker ran them,
/// their responses were gone. Calls that are out when any silo dies ask their worker for the outcome.
/// </summary>
[Trait("Category", "External")]
public sealed class GatewayLossTests
{
    [Fact]
    public async Task A_call_that_is_out_when_another_silo_dies_takes_its_record_from_the_worker_and_runs_once()
    {
        await using var harness = await HarvestHarness.StartAsync(3, _ => 4,
            (_, harvest) => harvest.AddFunction<GatedFunction>(new FunctionSpec { Name = "outcome-gated", Cores = 1, Idempotent = false, Timeout = TimeSpan.FromSeconds(30) }));

        GatedFunction.Reset();
        var call = harness.Client.InvokeJsonAsync("outcome-gated", 25_000);
        await Eventually.WaitUntilAsync(() => call.IsCompleted || !GatedFunction.StartedOn.IsEmpty, "the gated call runs");
        if (call.IsCompleted)
        {
            Assert.Fail($"the call ended before it ran: {(await call).Error?.Message}");
        }

        // Another VM than the worker dies while the call is out (never vm0, the cluster's first silo).
        var worker = GatedFunction.StartedOn.Single();
        var victim = new[] { "vm2", "vm1" }.First(vm => vm != worker);
        var outcomes = harness.Cluster.GetSiloServiceProvider(harness.SiloOf(worker).SiloAddress).GetRequiredService<RecentOutcomes>();
        await harness.Cluster.KillSiloAsync(harness.SiloOf(victim));
        await Eventually.WaitUntilAsync(() => outcomes.Lookups > 0, $"the client asks the worker for the call's outcome once it sees {victim} dead");
        GatedFunction.Release();

        var record = await call.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(InvocationStatus.Succeeded, record.Status);
        Assert.Equal(worker, record.VmId);
        Assert.Equal(worker, System.Text.Encoding.UTF8.GetString(record.Output!));
        Assert.Equal([worker], GatedFunction.StartedOn); // ran once
    }

    [Fact]
    public async Task The_worker_answers_running_finished_and_unknown_invocations()
    {
        var outcomes = new RecentOutcomes(capacity: 2);
        var running = new TaskCompletionSource<InvocationRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        var id = Guid.NewGuid();
        _ = outcomes.Track(id, running.Task);

        var asked = outcomes.FindAsync(id);
        Assert.False(asked.IsCompleted); // a running invocation is awaited
        var record = InvocationRecord.Fail(id, "f", null, InvocationStatus.Failed, "T", "m");
        running.SetResult(record);
        Assert.Same(record, await asked);
        Assert.Same(record, await outcomes.FindAsync(id)); // and remembered once finished
        Assert.Null(await outcomes.FindAsync(Guid.NewGuid()));

        // Bounded: the oldest finished record goes first.
        var second = Guid.NewGuid();
        var third = Guid.NewGuid();
        await outcomes.Track(second, Task.FromResult(InvocationRecord.Fail(second, "f", null, InvocationStatus.Failed, "T", "m")));
        await outcomes.Track(third, Task.FromResult(InvocationRecord.Fail(third, "f", null, InvocationStatus.Failed, "T", "m")));
        Assert.Null(await outcomes.FindAsync(id));
        Assert.NotNull(await outcomes.FindAsync(third));
        Assert.Equal(2, outcomes.FinishedCount);
    }
}
