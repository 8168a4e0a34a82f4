using HarvestOrleans.Grains.Invoker;
using Xunit;

namespace HarvestOrleans.UnitTests.Invocation;

/// <summary>The pure parts of resource measurement: the VM's measured cores, usage samples, and the invocation scheduler's rules.</summary>
[Trait("Category", "Unit")]
public sealed class ResourceMeasurementTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_vm_measures_cpu_time_over_wall_time_since_its_last_sample_and_keeps_the_peak_for_its_window()
    {
        await using var queue = new AdmissionQueue(4, capacity: 10);
        var cpu = new VmCpuMeter();
        var clock = new SteppedClock();
        var sampler = new VmLoadSampler(queue, () => [], peakWindowReports: 2, cpu, clock);

        clock.Advance(TimeSpan.FromSeconds(2));
        cpu.Add(3_000_000_000); // 3 core-seconds in 2 s
        var first = sampler.Sample();
        Assert.Equal((1.5, 1.5), (first.MeasuredCpuCores, first.RecentPeakMeasuredCpuCores));

        clock.Advance(TimeSpan.FromSeconds(1));
        cpu.Add(500_000_000);
        var second = sampler.Sample();
        Assert.Equal((0.5, 1.5), (second.MeasuredCpuCores, second.RecentPeakMeasuredCpuCores));

        clock.Advance(TimeSpan.FromSeconds(1));
        var third = sampler.Sample(); // the 1.5 has left the window of two reports
        Assert.Equal((0.0, 0.5), (third.MeasuredCpuCores, third.RecentPeakMeasuredCpuCores));
    }

    [Fact]
    public void Usage_samples_keep_each_invocations_cores_in_the_same_slot_as_its_execution_time()
    {
        var usage = new FunctionUsageAccumulator(maxSamplesPerInterval: 8);
        for (var i = 1; i <= 200; i++)
        {
            usage.Record("f", executionMs: i, averageCores: i / 1000.0, overload: false, evicted: false);
        }

        var (_, report) = Assert.Single(usage.Drain("vm-1"));
        Assert.Equal(200, report.Count);
        Assert.Equal(8, report.ExecutionMs.Length);
        Assert.Equal(report.ExecutionMs.Select(ms => ms / 1000f), report.CpuCores);
    }

    [Fact]
    public async Task Blocking_on_a_task_started_on_a_one_core_invocation_runs_it_inline_instead_of_waiting_forever()
    {
        var scheduler = new InvocationScheduler(1, new VmCpuMeter());

        var result = await scheduler.Run(() =>
        {
            var inner = Task.Factory.StartNew(() => TaskScheduler.Current.MaximumConcurrencyLevel);
            return Task.FromResult(inner.Result);
        }).WaitAsync(Timeout);

        Assert.Equal(1, result);
    }

    [Fact]
    public async Task An_invocation_ends_only_when_the_last_run_of_its_work_has_been_counted()
    {
        var meter = new VmCpuMeter();
        var scheduler = new InvocationScheduler(2, meter);
        var release = new TaskCompletionSource();
        Task? leftover = null;

        var returned = new TaskCompletionSource();

        // Run drains inline on its caller, which here may pick up the leftover work itself: call it off the test's thread.
        var run = Task.Run(() => scheduler.Run(() =>
        {
            // Work the function leaves running on its scheduler when it returns.
            leftover = Task.Factory.StartNew(() => release.Task.Wait());
            returned.SetResult();
            return Task.FromResult(0);
        }));

        await returned.Task.WaitAsync(Timeout);
        Assert.False(run.IsCompleted);
        release.SetResult();
        await run.WaitAsync(Timeout);
        Assert.True(leftover!.IsCompleted);
        Assert.True(scheduler.CpuNanoseconds > 0);
        Assert.Equal(scheduler.CpuNanoseconds, meter.TotalNanoseconds);
    }

    [Fact]
    public async Task Runs_under_way_at_once_but_blocked_in_a_wait_are_not_cores_used()
    {
        var scheduler = new InvocationScheduler(2, new VmCpuMeter());
        using var bothStarted = new CountdownEvent(2);
        using var release = new ManualResetEventSlim();

        // Run drains inline on its caller, which here blocks in one of the parts: call it off the test's thread.
        var run = Task.Run(() => scheduler.Run(() =>
        {
            var parts = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
            {
                bothStarted.Signal();
                release.Wait(); // blocked, holding its run (and a core of the allotment)...
                Thread.Sleep(100); // ...and then in a blocking call, as a function waiting on I/O: long against the CPU its run used
            })).ToArray();
            return Task.WhenAll(parts).ContinueWith(_ => 0, TaskScheduler.Default);
        }));
        Assert.True(bothStarted.Wait(Timeout), "both parts run at once");
        release.Set();
        await run.WaitAsync(Timeout);

        Assert.InRange(scheduler.PeakCores, 0, 0.5); // two runs at once, nearly all their time off the CPU
    }

    [Fact]
    public async Task A_single_busy_run_peaks_at_one_core_at_most_even_when_allotted_more()
    {
        var scheduler = new InvocationScheduler(4, new VmCpuMeter());

        await scheduler.Run(() =>
        {
            var until = ThreadCpuClock.CurrentThreadNanoseconds() + 20_000_000; // 20 ms of this thread's CPU
            while (ThreadCpuClock.CurrentThreadNanoseconds() < until)
            {
            }

            return Task.FromResult(0);
        }).WaitAsync(Timeout);

        Assert.InRange(scheduler.PeakCores, double.Epsilon, 1.05); // one thread's CPU over its wall time, give or take the clocks' grain
    }

    [Fact]
    public void Overlapping_runs_add_up_in_their_window_and_the_busiest_window_is_the_peak()
    {
        const long PerSecond = 1_000; // a millisecond clock
        var peak = new PeakCpuWindows(origin: 0, PerSecond);

        peak.Add(0, 100, 10_000_000); // 10 ms of CPU in the first 100 ms window: 0.1 cores
        peak.Add(100, 200, 100_000_000); // a busy run, and a second one beside it: 2 cores in the second window
        peak.Add(100, 200, 100_000_000);
        peak.Add(200, 1_000, 40_000_000); // a long wait with a little CPU: 0.05 cores in each window it spans

        Assert.Equal(2.0, peak.PeakCores(), 9);
    }

    [Fact]
    public void A_run_spanning_windows_spreads_its_cpu_over_them_and_a_short_invocation_peaks_at_its_average()
    {
        const long PerSecond = 1_000;
        var spanning = new PeakCpuWindows(origin: 0, PerSecond);
        spanning.Add(50, 250, 200_000_000); // one core for 200 ms, over three windows: at most 1 core in any
        var brief = new PeakCpuWindows(origin: 0, PerSecond);
        brief.Add(0, 20, 10_000_000); // 10 ms of CPU in a 20 ms invocation: half a core, not a tenth

        Assert.Equal((1.0, 0.5), (Math.Round(spanning.PeakCores(), 9), Math.Round(brief.PeakCores(), 9)));
        Assert.Equal(0, new PeakCpuWindows(0, PerSecond).PeakCores());
    }

    [Fact]
    public async Task A_scheduler_runs_one_invocation()
    {
        var scheduler = new InvocationScheduler(1, meter: null);
        await scheduler.Run(() => Task.FromResult(0)).WaitAsync(Timeout);

        Assert.Throws<InvalidOperationException>(() => { _ = scheduler.Run(() => Task.FromResult(0)); });
        Assert.Equal((0, 0), (scheduler.CpuNanoseconds, scheduler.AllocatedBytes));
    }

    /// <summary>A clock that moves only when told.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
