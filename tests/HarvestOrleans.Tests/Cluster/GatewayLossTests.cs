using HarvestOrleans.Cluster;
using HarvestOrleans.Functions;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocation;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HarvestOrleans.Tests.Cluster;

/// <summary>
/// Orleans leaves an external client's call unanswered when the gateway silo it went through dies
/// (dotnet/orleans#10165), which is how the eviction benchmark "lost" calls on a busy machine: the worker ran them,
/// their responses were gone. Calls that are out when any silo dies ask their worker for the outcome.
/// </summary>
public sealed class GatewayLossTests
{
    [Fact]
    public async Task A_call_that_is_out_when_another_silo_dies_takes_its_record_from_the_worker_and_runs_once()
    {
        // Only vm1 has the 2 cores the gated function needs: it is the worker; vm2 dies while the call is out.
        await using var harness = await HarvestHarness.StartAsync(3, i => i == 1 ? 8 : 1,
            (_, harvest) => harvest.AddFunction<GatedFunction>(new FunctionSpec { Name = "gated", Cores = 2, Idempotent = false, Timeout = TimeSpan.FromSeconds(30) }));
        var outcomes = harness.Cluster.GetSiloServiceProvider(harness.SiloOf("vm1").SiloAddress).GetRequiredService<RecentOutcomes>();

        GatedFunction.Reset();
        var call = harness.Client.InvokeJsonAsync("gated", 1);
        if (await Task.WhenAny(GatedFunction.Started.Task, call).WaitAsync(TimeSpan.FromSeconds(30)) == call)
        {
            Assert.Fail($"the call ended before it ran: {(await call).Status} {(await call).Error?.Message}");
        }

        await harness.Cluster.KillSiloAsync(harness.SiloOf("vm2"));
        await Eventually.WaitUntilAsync(() => outcomes.Lookups > 0, "the client asks the worker for the call's outcome once it sees vm2 dead");
        GatedFunction.Release();

        var record = await call.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(InvocationStatus.Succeeded, record.Status);
        Assert.Equal("vm1", record.VmId);
        Assert.Equal("released on vm1", System.Text.Encoding.UTF8.GetString(record.Output!));
        Assert.Equal(1, GatedFunction.Runs);
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

    /// <summary>Runs until the test releases it (bounded, so a test that never does cannot hang the run).</summary>
    private sealed class GatedFunction : IHarvestFunction
    {
        private static SemaphoreSlim _gate = new(0);
        private static int _runs;

        public static TaskCompletionSource Started { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static int Runs => Volatile.Read(ref _runs);

        public static void Reset()
        {
            _gate = new SemaphoreSlim(0);
            _runs = 0;
            Started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public static void Release() => _gate.Release();

        public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            Started.TrySetResult();
            await _gate.WaitAsync(TimeSpan.FromSeconds(25), cancellationToken);
            return FunctionPayload.FromString($"released on {context.VmId}");
        }
    }
}
