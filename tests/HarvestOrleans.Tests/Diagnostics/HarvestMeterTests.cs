using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Diagnostics;
using HarvestOrleans.Hosting;
using HarvestOrleans.Invocations;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Diagnostics;

/// <summary>The "HarvestOrleans" meter as any listener (OpenTelemetry, dotnet-counters) sees it.</summary>
[Trait("Category", "External")]
public sealed class HarvestMeterTests : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)> _seen = new();

    public HarvestMeterTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == HarvestMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    [Fact]
    public async Task It_reports_invocations_cores_queues_worker_sets_and_both_phases_of_an_eviction()
    {
        // VM ids of this test's own, so that measurements of other clusters in this process cannot be mistaken for ours.
        await using var h = await HarvestHarness.StartAsync(2, _ => 2, (i, harvest) => harvest.ConfigureVm(vm => vm.VmId = $"meter-vm{i}"));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(InvocationStatus.Succeeded, (await h.Client.InvokeJsonAsync("work", new { milliseconds = 20 })).Status);
        }

        var routing = await h.Operator.GetFunctionRoutingAsync("work");

        _listener.RecordObservableInstruments();
        Assert.Equal(5, _seen.Where(m => Is(m, "harvest.invocations", ("function", "work"), ("status", "Succeeded"))).Sum(m => m.Value));
        Assert.Contains(_seen, m => Is(m, "harvest.invocations", ("function", "work"), ("cold_start", true)));
        Assert.Contains(_seen, m => Is(m, "harvest.invocation.execution", ("function", "work")) && m.Value >= TimerSlack.AtLeast(20));
        Assert.Equal(5, _seen.Count(m => Is(m, "harvest.invocation.cpu", ("function", "work")) && m.Value > 0));
        Assert.Equal(5, _seen.Count(m => Is(m, "harvest.invocation.allocated", ("function", "work")) && m.Value > 0));
        Assert.Contains(_seen, m => Is(m, "harvest.vm.cores", ("vm", "meter-vm0")) && m.Value == 2);
        Assert.Contains(_seen, m => Is(m, "harvest.vm.queue_length", ("vm", "meter-vm1")) && m.Value == 0);
        Assert.Contains(_seen, m => Is(m, "harvest.function.worker_set_size", ("function", "work")) && m.Value == routing.WorkerSet.Length);

        var victim = "meter-vm1";
        await h.Operator.EvictVmAsync(victim, TimeSpan.FromSeconds(1), "meter test");
        await Eventually.WaitUntilAsync(async () => (await h.Operator.GetVmAsync(victim))?.State == VmState.Evicted, "the VM is evicted");
        Assert.Contains(_seen, m => Is(m, "harvest.vm.evictions", ("vm", victim), ("phase", "notice")));
        Assert.Contains(_seen, m => Is(m, "harvest.vm.evictions", ("vm", victim), ("phase", "evicted")));
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        _seen.Enqueue((instrument.Name, value, copy));
    }

    private static bool Is((string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags) m, string instrument, params (string Key, object Value)[] tags) =>
        m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value));
}
