using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// Samples the VM's load for its report: what its admission queue holds now, with the peak over the last
/// <c>peakWindowReports</c> report intervals (so a burst between two reports is not missed), and its warm functions.
/// Called by one reporter at a time.
/// </summary>
internal sealed class VmLoadSampler(AdmissionQueue admission, Func<string[]> warmFunctions, int peakWindowReports)
{
    private readonly Queue<(double Cores, double MemoryMb)> _peaks = new();

    public VmLoad Sample()
    {
        var peak = admission.TakePeak();
        _peaks.Enqueue(peak);
        while (_peaks.Count > peakWindowReports)
        {
            _peaks.Dequeue();
        }

        return new VmLoad
        {
            CoresInUse = admission.CoresInUse,
            MemoryInUseMb = admission.MemoryInUseMb,
            QueueLength = admission.QueueLength,
            Running = admission.Running,
            RecentPeakCores = _peaks.Max(p => p.Cores),
            RecentPeakMemoryMb = _peaks.Max(p => p.MemoryMb),
            WarmFunctions = warmFunctions(),
            ReportedAt = DateTimeOffset.UtcNow,
        };
    }
}
