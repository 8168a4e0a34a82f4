using HarvestOrleans.Functions;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;
using Xunit;

namespace HarvestOrleans.UnitTests.Invocation;

/// <summary>The invoker's collaborators, each on its own: sampling, usage, deadlines and records.</summary>
[Trait("Category", "Unit")]
public sealed class InvokerPartsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_load_sampler_keeps_a_peak_for_its_window_of_reports_then_forgets_it()
    {
        await using var queue = new AdmissionQueue(4, capacity: 10);
        var sampler = new VmLoadSampler(queue, () => ["warm"], peakWindowReports: 2, new VmCpuMeter(), TimeProvider.System);
        var ticket = new AdmissionTicket("f@1", 2, 256, 64);
        Assert.True(queue.TryEnqueue(ticket));
        Assert.True(await queue.WaitAsync(ticket, Timeout, TimeProvider.System));
        queue.Release(ticket);

        var first = sampler.Sample();
        Assert.Equal(0, first.CoresInUse);
        Assert.Equal(2, first.RecentPeakCores);
        Assert.Equal(["warm"], first.WarmFunctions);
        Assert.Equal(2, sampler.Sample().RecentPeakCores); // still within the window of two reports
        Assert.Equal(0, sampler.Sample().RecentPeakCores);
    }

    [Fact]
    public void Usage_counts_invocations_that_ran_and_not_those_turned_away()
    {
        var usage = new FunctionUsageAccumulator();
        var request = new InvocationRequest { InvocationId = Guid.NewGuid(), Function = "f", Overload = true };
        usage.Record(request, InvocationRecordBuilder.Rejected(request, "vm-1", InvocationErrorTypes.QueueFull, "full"));
        usage.Record(request, InvocationRecordBuilder.NotFound(request, "vm-1"));
        Assert.Empty(usage.Drain("vm-1"));

        usage.Record(request, Finished(request, InvocationOutcome.Succeeded([])));
        usage.Record(request, Finished(request, InvocationOutcome.Of(InvocationStatus.Evicted, InvocationErrorTypes.VmEvicted, "gone")));
        var (function, report) = Assert.Single(usage.Drain("vm-1"));
        Assert.Equal("f", function);
        Assert.Equal((2, 1, 2), (report.Count, report.Evictions, report.Overloads));
    }

    [Fact]
    public void An_eviction_fires_the_deadline_and_reads_as_eviction_not_timeout()
    {
        var eviction = new EvictionSignal();
        var deadline = new InvocationDeadline(new FunctionSpec { Name = "f", Timeout = TimeSpan.FromHours(1) }, eviction);
        Assert.False(deadline.Expired);

        eviction.Evict();

        Assert.True(deadline.Expired);
        Assert.True(deadline.Evicted);
        var outcome = deadline.EvictedOutcome("vm-1");
        Assert.Equal(InvocationStatus.Evicted, outcome.Status);
        Assert.Equal(InvocationErrorTypes.VmEvicted, outcome.Error!.Type);
        deadline.Source.Dispose();
    }

    [Fact]
    public void A_timeout_says_whether_the_function_had_loaded()
    {
        var deadline = new InvocationDeadline(new FunctionSpec { Name = "f", Timeout = TimeSpan.FromSeconds(2) }, new EvictionSignal());
        Assert.Contains("ran past its timeout of 2 s", deadline.TimedOutOutcome(initialised: true).Error!.Message);
        Assert.Contains("did not load and initialise within its timeout of 2 s", deadline.TimedOutOutcome(initialised: false).Error!.Message);
        Assert.Equal(InvocationStatus.TimedOut, deadline.TimedOutOutcome(initialised: true).Status);
        deadline.Source.Dispose();
    }

    [Fact]
    public void Records_carry_the_attempt_and_overload_and_never_a_negative_execution_time()
    {
        var request = new InvocationRequest { InvocationId = Guid.NewGuid(), Function = "f", Version = "2", Attempt = 3, Overload = true };
        var rejected = InvocationRecordBuilder.Rejected(request, "vm-1", InvocationErrorTypes.VmDraining, "draining");
        Assert.Equal((InvocationStatus.Rejected, 3, true, "vm-1"), (rejected.Status, rejected.Attempts, rejected.Overload, rejected.VmId));
        Assert.Equal("Function 'f' has no version '2'.", InvocationRecordBuilder.NotFound(request, "vm-1").Error!.Message);
        Assert.Equal(FunctionInvoker.NotFoundMessage("f", null), InvocationRecordBuilder.NotFoundMessage("f", null));

        var finished = Finished(request, InvocationOutcome.Succeeded([1]), executionMs: -5);
        Assert.Equal(0, finished.ExecutionMs);
        Assert.Equal((3, true, true, 7.0), (finished.Attempts, finished.Overload, finished.ColdStart, finished.QueueWaitMs));
    }

    private static InvocationRecord Finished(InvocationRequest request, InvocationOutcome outcome, double executionMs = 10, InvocationUsage usage = default) =>
        InvocationRecordBuilder.Finished(request, new FunctionSpec { Name = request.Function }, "vm-1", outcome,
            new InvocationTimings(QueueWaitMs: 7, InitMs: 1, ExecutionMs: executionMs, ColdStart: true), usage, []);
}
