using System.Globalization;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Experiments.Simulation;

/// <summary>
/// Simulated invocation records as <c>invocations.csv</c>, in the columns of the live comparison's (a simulated record
/// has no version, allocated bytes, allotted cores, resource policy and reason or peak cores: those columns stay empty), written as they are made: a run of millions streams to disk.
/// </summary>
public sealed class SimRecordCsv : IDisposable
{
    /// <summary>The columns, shared with the live comparison's <c>invocations.csv</c>.</summary>
    public const string Header = "scenario,policy,sent_at_s,function,version,status,error,vm,latency_ms,queue_wait_ms,init_ms,execution_ms,cold_start,overload,attempts,cpu_s,average_cores,allocated_bytes,configured_cores,allocated_cores,allotted_cores,configured_memory_mb,allocated_memory_mb,resource_policy,resource_reason,peak_cores";

    private readonly StreamWriter _writer;

    public SimRecordCsv(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _writer = new StreamWriter(path);
        _writer.WriteLine(Header);
    }

    /// <summary>A sink writing one cell's records.</summary>
    public Action<SimRecord> For(string scenario, string policy) => r =>
    {
        var averageCores = r.ExecutionMs > 0 ? r.CpuSeconds / (r.ExecutionMs / 1000) : 0;
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{scenario},{policy},{r.SentAtSeconds:0.###},{r.Function},,{r.Status},{r.Error},{r.VmId},{r.LatencyMs:0.##},{r.QueueMs:0.##},{r.InitMs:0.##},{r.ExecutionMs:0.##},{r.ColdStart},{r.Overload},{r.Attempts},{r.CpuSeconds:0.######},{averageCores:0.###},,{r.ConfiguredCores:0.###},{r.AllocatedCores:0.###},,{r.ConfiguredMemoryMb:0.#},{r.AllocatedMemoryMb:0.#},,,"));
    };

    public void Dispose() => _writer.Dispose();
}
