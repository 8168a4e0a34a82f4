namespace HarvestOrleans.Policies;

/// <summary>How a VM's last load report becomes what the policies see of it, in the silos' cluster view and in the simulator.</summary>
public static class VmReportView
{
    /// <summary>
    /// Usage is the larger of the recent peak and what is held now (a report between two peaks must not hide work that
    /// started since); the measured usage likewise. A VM takes work only while it is active.
    /// </summary>
    public static VmView From(
        string vmId,
        double cores,
        double memoryMb,
        LoadPeak recentPeak,
        double coresInUse,
        double memoryInUseMb,
        double measuredCores,
        bool active,
        bool isRegular,
        IReadOnlyCollection<string>? warmFunctions) => new(
        vmId,
        cores,
        memoryMb,
        Math.Max(recentPeak.Cores, coresInUse),
        Math.Max(recentPeak.MemoryMb, memoryInUseMb),
        AcceptsWork: active,
        IsRegular: isRegular,
        WarmFunctions: warmFunctions,
        MeasuredCpuUsage: Math.Max(recentPeak.MeasuredCores, measuredCores));
}
