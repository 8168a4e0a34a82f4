using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Grains.Diagnostics;

/// <summary>
/// The silo's "HarvestOrleans" meter: invocations by status and cold/warm, execution and end-to-end latency, measured
/// CPU and allocated bytes per invocation, queue length and cores per VM, evictions, worker-set sizes and async invocations. Exported through OpenTelemetry by the
/// silo host; also readable with <c>dotnet-counters</c> or a <c>MeterListener</c>.
/// </summary>
public sealed class HarvestMetrics
{
    public const string MeterName = "HarvestOrleans";

    private readonly Meter _meter;
    private readonly Counter<long> _invocations;
    private readonly Histogram<double> _executionMs;
    private readonly Histogram<double> _queueWaitMs;
    private readonly Histogram<double> _cpuSeconds;
    private readonly Histogram<long> _allocatedBytes;
    private readonly Counter<long> _overloads;
    private readonly Histogram<double> _latencyMs;
    private readonly Counter<long> _evictions;
    private readonly Counter<long> _asyncAccepted;
    private readonly Counter<long> _asyncCompleted;
    private readonly Counter<long> _preWarms;
    private readonly ConcurrentDictionary<string, int> _workerSets = new(StringComparer.Ordinal);

    public HarvestMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _invocations = _meter.CreateCounter<long>("harvest.invocations", description: "Invocations finished on this VM, by function, status and cold start.");
        _executionMs = _meter.CreateHistogram<double>("harvest.invocation.execution", unit: "ms", description: "Function execution time.");
        _queueWaitMs = _meter.CreateHistogram<double>("harvest.invocation.queue_wait", unit: "ms", description: "Time waiting for cores.");
        _cpuSeconds = _meter.CreateHistogram<double>("harvest.invocation.cpu", unit: "s", description: "CPU time (core-seconds) an invocation's work used on its scheduler, measured in process.");
        _allocatedBytes = _meter.CreateHistogram<long>("harvest.invocation.allocated", unit: "By", description: "Managed bytes an invocation's work allocated on its scheduler.");
        _overloads = _meter.CreateCounter<long>("harvest.invocations.overload", description: "Invocations placed on a VM without headroom.");
        _latencyMs = _meter.CreateHistogram<double>("harvest.invocation.latency", unit: "ms", description: "End-to-end latency seen by the HTTP trigger and async invocations (routing, retries, queue, run).");
        _evictions = _meter.CreateCounter<long>("harvest.vm.evictions", description: "VM evictions by phase: notice (draining) and evicted (gone).");
        _asyncAccepted = _meter.CreateCounter<long>("harvest.async.accepted", description: "Async invocations accepted (stored) by this silo.");
        _asyncCompleted = _meter.CreateCounter<long>("harvest.async.completed", description: "Async invocations that reached their final record, by status.");
        _preWarms = _meter.CreateCounter<long>("harvest.prewarms", description: "Functions warmed on this VM ahead of traffic moved by an eviction notice, by outcome.");
        _meter.CreateObservableGauge("harvest.function.worker_set_size", ObserveWorkerSets, description: "Worker-set size of each function whose FunctionGrain lives on this silo.");
    }

    public void RecordInvocation(InvocationRecord record)
    {
        var function = new KeyValuePair<string, object?>("function", record.Function);
        var status = new KeyValuePair<string, object?>("status", record.Status.ToString());
        var cold = new KeyValuePair<string, object?>("cold_start", record.ColdStart);
        _invocations.Add(1, function, status, cold);
        if (record.Status != InvocationStatus.Rejected && record.Status != InvocationStatus.NotFound)
        {
            _executionMs.Record(record.ExecutionMs, function);
            _queueWaitMs.Record(record.QueueWaitMs, function);
            _cpuSeconds.Record(record.CpuSeconds, function);
            _allocatedBytes.Record(record.AllocatedBytes, function);
        }

        if (record.Overload)
        {
            _overloads.Add(1, function);
        }
    }

    /// <summary>Observes a VM's admission gauges: its cores, the cores in use and the queue, read when scraped.</summary>
    public void ObserveVm(string vmId, Func<double> cores, Func<double> coresInUse, Func<int> queueLength)
    {
        var vm = new KeyValuePair<string, object?>("vm", vmId);
        _meter.CreateObservableGauge("harvest.vm.cores", () => new Measurement<double>(cores(), vm), description: "The VM's current cores.");
        _meter.CreateObservableGauge("harvest.vm.cores_in_use", () => new Measurement<double>(coresInUse(), vm), description: "Cores held by running invocations.");
        _meter.CreateObservableGauge("harvest.vm.queue_length", () => new Measurement<int>(queueLength(), vm), description: "Invocations waiting for cores.");
    }

    /// <summary>End-to-end latency of one invocation as its caller saw it.</summary>
    public void RecordLatency(InvocationRecord record) =>
        _latencyMs.Record(record.LatencyMs, new("function", record.Function), new("status", record.Status.ToString()));

    public void RecordPreWarm(string function, HarvestOrleans.Cluster.PreWarmOutcome outcome) =>
        _preWarms.Add(1, new("function", function), new("outcome", outcome.ToString()));

    public void RecordEviction(string vmId, string phase) => _evictions.Add(1, new("vm", vmId), new("phase", phase));

    public void RecordAsyncAccepted(string function) => _asyncAccepted.Add(1, new KeyValuePair<string, object?>("function", function));

    public void RecordAsyncCompleted(InvocationRecord record, TimeSpan sinceAccepted)
    {
        _asyncCompleted.Add(1, new("function", record.Function), new("status", record.Status.ToString()));
        _latencyMs.Record(sinceAccepted.TotalMilliseconds, new("function", record.Function), new("status", record.Status.ToString()));
    }

    /// <summary>The function's current worker-set size (or its removal when its grain leaves this silo).</summary>
    public void SetWorkerSetSize(string function, int? size)
    {
        if (size is { } n)
        {
            _workerSets[function] = n;
        }
        else
        {
            _workerSets.TryRemove(function, out _);
        }
    }

    private IEnumerable<Measurement<int>> ObserveWorkerSets() =>
        _workerSets.Select(p => new Measurement<int>(p.Value, new KeyValuePair<string, object?>("function", p.Key)));
}
