namespace HarvestOrleans.Policies;

/// <summary>What a balancing policy knows about one VM: its capacity and its recently reported usage.</summary>
/// <param name="VmId">Stable VM identity; also its key on the hash ring.</param>
/// <param name="Cores">Current cores (harvest VMs grow and shrink).</param>
/// <param name="MemoryMb">Current memory.</param>
/// <param name="CpuUsage">Recent peak cores in use, as last reported.</param>
/// <param name="MemoryUsage">Recent peak memory in use (MB), as last reported.</param>
/// <param name="AcceptsWork">False while the VM drains before an eviction: it keeps its ring position but gets no new work.</param>
/// <param name="IsRegular">True for a regular (non-harvest) VM.</param>
/// <param name="WarmFunctions">Functions with a warm instance on the VM, as last reported.</param>
/// <param name="MeasuredCpuUsage">Recent peak cores its invocations measurably used (CPU time), as last reported.</param>
public sealed record VmView(
    string VmId,
    double Cores,
    double MemoryMb,
    double CpuUsage,
    double MemoryUsage,
    bool AcceptsWork = true,
    bool IsRegular = false,
    IReadOnlyCollection<string>? WarmFunctions = null,
    double MeasuredCpuUsage = 0)
{
    public bool IsWarm(string function) => WarmFunctions?.Contains(function) == true;
}
