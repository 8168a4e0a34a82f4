using System.Collections.Concurrent;
using System.Diagnostics;
using HarvestOrleans.Invocations;
using HarvestOrleans.Routing;
using HarvestOrleans.Grains.Routing;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// Per-function counts and a bounded sample of invocations since the last report: each sampled invocation's execution
/// time and its measured average cores, in the same slot of <see cref="FunctionUsageReport.ExecutionMs"/> and
/// <see cref="FunctionUsageReport.CpuCores"/>.
/// </summary>
internal sealed class FunctionUsageAccumulator(int maxSamplesPerInterval = UsageInterval.DEFAULT_MAX_SAMPLES)
{
    private readonly ConcurrentDictionary<string, UsageInterval> _current = new(StringComparer.Ordinal);
    private long _lastDrain = Stopwatch.GetTimestamp();

    /// <summary>Each function's recent rate here, from the intervals drained so far.</summary>
    public FunctionRates Rates { get; } = new();

    /// <summary>Counts an invocation that ran (or was cut off while it ran); one turned away before it ran is not usage.</summary>
    public void Record(InvocationRequest request, InvocationRecord record)
    {
        if (record.Status is InvocationStatus.Succeeded or InvocationStatus.Failed or InvocationStatus.TimedOut or InvocationStatus.Evicted)
        {
            Record(request.Function, record.ExecutionMs, record.AverageCores, request.Overload, evicted: record.Status == InvocationStatus.Evicted);
        }
    }

    public void Record(string function, double executionMs, double averageCores, bool overload, bool evicted)
    {
        var interval = _current.GetOrAdd(function, _ => new UsageInterval(maxSamplesPerInterval));
        lock (interval)
        {
            interval.Record(executionMs, averageCores, overload, evicted, Random.Shared);
        }
    }

    /// <summary>Takes every function's interval so far and starts new ones.</summary>
    public IReadOnlyList<(string Function, FunctionUsageReport Report)> Drain(string vmId)
    {
        var reports = new List<(string, FunctionUsageReport)>();
        var now = Stopwatch.GetTimestamp();
        var intervalMs = (long)Stopwatch.GetElapsedTime(Interlocked.Exchange(ref _lastDrain, now), now).TotalMilliseconds;
        foreach (var function in _current.Keys)
        {
            if (!_current.TryRemove(function, out var interval))
            {
                continue;
            }

            lock (interval)
            {
                Rates.Add(function, Environment.TickCount64, interval.Count, intervalMs);
                reports.Add((function, new FunctionUsageReport
                {
                    VmId = vmId,
                    Count = interval.Count,
                    Overloads = interval.Overloads,
                    Evictions = interval.Evictions,
                    ExecutionMs = [.. interval.ExecutionMs],
                    CpuCores = [.. interval.Cores],
                    IntervalMs = intervalMs,
                }));
            }
        }

        return reports;
    }
}
