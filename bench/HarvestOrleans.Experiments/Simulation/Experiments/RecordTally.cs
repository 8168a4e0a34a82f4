using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// Counts one function's final records as a run makes them (the simulator's sink): how many, how many succeeded, how
/// many an eviction cut off, and how many last ran on a Harvest VM. Everything else comes from the run's statistics.
/// </summary>
public sealed class RecordTally(string function, IReadOnlySet<string> harvestVms)
{
    public long Invocations { get; private set; }

    public long Succeeded { get; private set; }

    /// <summary>Final records that say an eviction cut the invocation off.</summary>
    public long Evicted { get; private set; }

    /// <summary>Invocations whose (last) attempt ran on a Harvest VM.</summary>
    public long OnHarvest { get; private set; }

    /// <summary>Latency of its successful invocations, ms.</summary>
    public LatencyHistogram Latency { get; } = new();

    public double SuccessPct => Invocations == 0 ? double.NaN : 100.0 * Succeeded / Invocations;

    public void Add(SimRecord record)
    {
        if (record.Function != function)
        {
            return;
        }

        Invocations++;
        if (record.IsSuccess)
        {
            Succeeded++;
            Latency.Add(record.LatencyMs);
        }

        Evicted += record.Status == SimStatus.Evicted ? 1 : 0;
        OnHarvest += record.Ran && record.VmId is { } vm && harvestVms.Contains(vm) ? 1 : 0;
    }
}
