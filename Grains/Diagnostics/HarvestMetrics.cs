using System.Diagnostics.Metrics;
using HarvestOrleans.Invocation;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Diagnostics;

/// <summary>The silo's "HarvestOrleans" meter: invocations by status and cold/warm, latency, queue and cores per VM.</summary>
public sealed class HarvestMetrics
{
    public const string MeterName = "HarvestOrleans";

    private readonly Meter _meter;
    private readonly Counter<long> _invocations;
    private readonly Histogram<double> _executionMs;
    private readonly Histogram<double> _queueWaitMs;
    private readonly Counter<long> _overloads;

    public HarvestMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _invocations = _meter.CreateCounter<long>("harvest.invocations", description: "Invocations finished on this VM, by function, status and cold start.");
        _executionMs = _meter.CreateHistogram<double>("harvest.invocation.execution", unit: "ms", description: "Function execution time.");
        _queueWaitMs = _meter.CreateHistogram<double>("harvest.invocation.queue_wait", unit: "ms", description: "Time waiting for cores.");
        _overloads = _meter.CreateCounter<long>("harvest.invocations.overload", description: "Invocations placed on a VM without headroom.");
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
        }

        if (record.Overload)
        {
            _overloads.Add(1, function);
        }
    }

    public void ObserveInvoker(FunctionInvoker invoker)
    {
        var vm = new KeyValuePair<string, object?>("vm", invoker.VmId);
        _meter.CreateObservableGauge("harvest.vm.cores", () => new Measurement<double>(invoker.Admission.Cores, vm), description: "The VM's current cores.");
        _meter.CreateObservableGauge("harvest.vm.cores_in_use", () => new Measurement<double>(invoker.Admission.CoresInUse, vm), description: "Cores held by running invocations.");
        _meter.CreateObservableGauge("harvest.vm.queue_length", () => new Measurement<int>(invoker.Admission.QueueLength, vm), description: "Invocations waiting for cores.");
    }
}
