namespace HarvestOrleans.Policies;

/// <summary>The paper's capacity math: headroom = cap × capacity − recent peak usage; score = used / (cap × capacity).</summary>
public static class Headroom
{
    public static double Cpu(VmView vm, double cap) => (cap * vm.Cores) - vm.CpuUsage;

    public static double Memory(VmView vm, double cap) => Math.Floor(cap * vm.MemoryMb) - vm.MemoryUsage;

    /// <summary>
    /// A VM fits an invocation when its headroom covers the invocation's cores (reqCpu) and memory and it passes the
    /// core gate (<see cref="PassesCoreGate"/>) for the function's CPU limit.
    /// </summary>
    public static bool Fits(double vmCores, double availCpu, double availMem, double cores, double memoryMb, double cpuLimit, PolicyMode mode) =>
        availCpu >= cores && availMem >= memoryMb && PassesCoreGate(vmCores, cpuLimit, mode);

    /// <summary>
    /// The core gate: the original requires strictly more cores than the function's CPU limit (HV 626), which bars a
    /// 1-core VM from a function limited to 1 core; <see cref="PolicyMode.Paper"/> keeps that, the default mode admits
    /// a VM with as many cores as the limit (the intent: the function can use its limit there).
    /// </summary>
    public static bool PassesCoreGate(double vmCores, double cpuLimit, PolicyMode mode) =>
        mode == PolicyMode.Paper ? vmCores > cpuLimit : vmCores >= cpuLimit;

    public static double Score(VmView vm, double cap) =>
        Ratio(vm.CpuUsage, cap * vm.Cores) + Ratio(vm.MemoryUsage, cap * vm.MemoryMb);

    public static VmView WithReservations(RouteCandidate c, IReservationView reservations) =>
        new(c.VmId, c.Cores, c.MemoryMb, c.CpuUsage + reservations.ReservedCores(c.VmId), c.MemoryUsage + reservations.ReservedMemoryMb(c.VmId));

    private static double Ratio(double used, double capacity) => capacity <= 0 ? (used > 0 ? double.MaxValue / 4 : 0) : used / capacity;
}
