using HarvestOrleans.Policies;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// Samples the VM's load for its report: what its admission queue holds now, with the peak over the last
/// <c>peakWindowReports</c> report intervals (so a burst between two reports is not missed), the cores its invocations
/// measurably used since the previous sample (<paramref name="cpu"/>'s CPU time over the wall time between the two)
/// with its peak over the same window, and its warm functions. Called by one reporter at a time.
/// </summary>
internal sealed class VmLoadSampler(AdmissionQueue admission, Func<string[]> warmFunctions, int peakWindowReports, VmCpuMeter cpu, TimeProvider time)
{
    private readonly LoadPeakWindow _peaks = new(peakWindowReports);
    private long _lastAt = time.GetTimestamp();
    private long _lastCpuNanoseconds = cpu.TotalNanoseconds;

    public VmLoad Sample()
    {
        var peak = admission.TakePeak();
        var measured = MeasuredCoresSinceLastSample();
        var recent = _peaks.Add(new LoadPeak(peak.Cores, peak.MemoryMb, measured));

        return new VmLoad
        {
            CoresInUse = admission.CoresInUse,
            MemoryInUseMb = admission.MemoryInUseMb,
            QueueLength = admission.QueueLength,
            Running = admission.Running,
            RecentPeakCores = recent.Cores,
            RecentPeakMemoryMb = recent.MemoryMb,
            MeasuredCpuCores = measured,
            RecentPeakMeasuredCpuCores = recent.MeasuredCores,
            WarmFunctions = warmFunctions(),
            ReportedAt = DateTimeOffset.UtcNow,
        };
    }

    private double MeasuredCoresSinceLastSample()
    {
        var now = time.GetTimestamp();
        var total = cpu.TotalNanoseconds;
        var wall = time.GetElapsedTime(_lastAt, now);
        var used = total - _lastCpuNanoseconds;
        (_lastAt, _lastCpuNanoseconds) = (now, total);
        return wall > TimeSpan.Zero ? used / 1e9 / wall.TotalSeconds : 0;
    }
}
