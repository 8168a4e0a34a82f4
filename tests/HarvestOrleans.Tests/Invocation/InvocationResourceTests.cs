using System.Diagnostics;
using HarvestOrleans.Functions;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Tests.Invocation;

/// <summary>
/// Allotted cores are a limit, and what an invocation uses is measured: functions that ignore their cores cannot run
/// wider than them, and records (and the VM's load) carry the CPU time and allocations the work really had.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class InvocationResourceTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(GreedyParallelFunction.Mode.ParallelFor, 1)]
    [InlineData(GreedyParallelFunction.Mode.ParallelFor, 2)]
    [InlineData(GreedyParallelFunction.Mode.StartNew, 1)]
    [InlineData(GreedyParallelFunction.Mode.StartNew, 2)]
    [InlineData(GreedyParallelFunction.Mode.AwaitChain, 1)]
    [InlineData(GreedyParallelFunction.Mode.AwaitChain, 2)]
    public async Task Parallel_work_that_ignores_its_allotted_cores_runs_on_at_most_them(GreedyParallelFunction.Mode mode, int cores)
    {
        await using var h = new InvokerHarness(cores: 8, maxQueueWait: Bound);
        var greedy = new GreedyParallelFunction(mode);
        h.Add(new FunctionSpec { Name = "greedy", Cores = cores, Timeout = Bound }, greedy);

        for (var i = 0; i < 3; i++)
        {
            (await h.InvokeAsync("greedy").WaitAsync(Bound)).EnsureSuccess();
        }

        Assert.InRange(greedy.Peak, 1, cores);
        Assert.Equal(0, greedy.Escaped);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public async Task A_busy_invocation_reports_the_cpu_it_burned_and_no_more_cores_than_it_was_allotted(int cores, int threads)
    {
        await using var h = new InvokerHarness(cores: 8, maxQueueWait: Bound);
        var budget = TimeSpan.FromMilliseconds(200);
        h.Add(new FunctionSpec { Name = "burn", Cores = cores, Timeout = Bound }, new CpuBurnFunction(budget, threads));

        var record = (await h.InvokeAsync("burn").WaitAsync(Bound)).EnsureSuccess();

        var burned = budget.TotalSeconds * threads;
        Assert.InRange(record.CpuSeconds, 0.8 * burned, 3 * burned);
        Assert.InRange(record.AverageCores, 0.01, cores + 0.15);
        Assert.Equal(record.CpuSeconds / (record.ExecutionMs / 1000), record.AverageCores, 6);
        Assert.InRange(record.PeakCores, 0.9 * record.AverageCores, cores + 0.15); // its busiest 100 ms: no less than its mean
    }

    [Fact]
    public async Task A_sleeping_invocation_reports_almost_no_cpu()
    {
        await using var h = new InvokerHarness(cores: 2, maxQueueWait: Bound);
        h.Add(new FunctionSpec { Name = "nap", Cores = 1, Timeout = Bound }, new NapFunction(TimeSpan.FromMilliseconds(300)));

        var record = (await h.InvokeAsync("nap").WaitAsync(Bound)).EnsureSuccess();

        Assert.True(record.ExecutionMs >= 250, $"{record.ExecutionMs} ms");
        Assert.InRange(record.CpuSeconds, 0, 0.03);
        Assert.InRange(record.AverageCores, 0, 0.1);
        Assert.InRange(record.PeakCores, 0, 0.1); // waiting is not a core used, at its busiest moment either
    }

    [Fact]
    public async Task An_allocating_invocation_reports_at_least_what_it_allocated_across_awaits_and_parallel_loops()
    {
        await using var h = new InvokerHarness(cores: 4, maxQueueWait: Bound);
        h.Add(new FunctionSpec { Name = "allocates", Cores = 2, Timeout = Bound }, new AllocatingFunction());

        var record = (await h.InvokeAsync("allocates").WaitAsync(Bound)).EnsureSuccess();

        Assert.Equal(AllocatingFunction.TOTAL_BYTES, record.ReadOutput<long>());
        Assert.InRange(record.AllocatedBytes, AllocatingFunction.TOTAL_BYTES, AllocatingFunction.TOTAL_BYTES * 2);
    }

    [Fact]
    public async Task With_measurement_off_records_say_zero_and_cores_stay_limited()
    {
        await using var h = new InvokerHarness(cores: 8, maxQueueWait: Bound, measureResources: false);
        var greedy = new GreedyParallelFunction(GreedyParallelFunction.Mode.ParallelFor);
        h.Add(new FunctionSpec { Name = "greedy", Cores = 1, Timeout = Bound }, greedy);

        var record = (await h.InvokeAsync("greedy").WaitAsync(Bound)).EnsureSuccess();

        Assert.Equal((0.0, 0.0, 0L, 0.0), (record.CpuSeconds, record.AverageCores, record.AllocatedBytes, record.PeakCores));
        Assert.Equal(1, greedy.Peak);
        Assert.Equal(0, h.Invoker.SampleLoad().MeasuredCpuCores);
    }

    [Fact]
    public async Task The_vm_reports_the_cores_its_invocations_measurably_used_consistent_with_their_records()
    {
        await using var h = new InvokerHarness(cores: 4, maxQueueWait: Bound);
        h.Add(new FunctionSpec { Name = "burn", Cores = 2, Timeout = Bound }, new CpuBurnFunction(TimeSpan.FromMilliseconds(100), threads: 2));
        var wall = Stopwatch.StartNew();
        var cpuBefore = h.Invoker.MeasuredCpuTime;
        h.Invoker.SampleLoad(); // starts the interval

        var records = new List<InvocationRecord>();
        for (var i = 0; i < 3; i++)
        {
            records.Add((await h.InvokeAsync("burn").WaitAsync(Bound)).EnsureSuccess());
        }

        var load = h.Invoker.SampleLoad();
        var elapsed = wall.Elapsed.TotalSeconds;
        var vmCpu = (h.Invoker.MeasuredCpuTime - cpuBefore).TotalSeconds;
        var recorded = records.Sum(r => r.CpuSeconds);

        // The VM counts the same runs its invocations' records do (nothing here runs on after its record).
        Assert.InRange(vmCpu, recorded * 0.99, (recorded * 1.01) + 0.005);
        // Its cores over the interval: that CPU over a wall time no longer than the test's own.
        Assert.InRange(load.MeasuredCpuCores, 0.9 * vmCpu / elapsed, Environment.ProcessorCount + 0.1);
        Assert.Equal(load.MeasuredCpuCores, load.RecentPeakMeasuredCpuCores);
        Assert.Equal(0, h.Invoker.SampleLoad().MeasuredCpuCores, 2); // nothing ran since, and the peak remembers
        Assert.Equal(load.MeasuredCpuCores, h.Invoker.SampleLoad().RecentPeakMeasuredCpuCores);
    }
}
