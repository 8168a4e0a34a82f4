namespace HarvestOrleans.Policies;

/// <summary>The paper's capacity math: headroom = cap × capacity − recent peak usage; score = used / (cap × capacity).</summary>
public static class Headroom
{
    public static double Cpu(VmView vm, double cap) => (cap * vm.Cores) - vm.CpuUsage;

    public static double Memory(VmView vm, double cap) => Math.Floor(cap * vm.MemoryMb) - vm.MemoryUsage;

    /// <summary>
    /// A VM fits an invocation when its headroom covers the invocation's cores and memory and it has at least the
    /// invocation's cores. (The original demands strictly more cores than the function's limit, which would bar a
    /// 1-core VM from a 1-core function; we keep the intent.)
    /// </summary>
    public static bool Fits(double vmCores, double availCpu, double availMem, double cores, double memoryMb) =>
        availCpu >= cores && availMem >= memoryMb && vmCores >= cores;

    public static double Score(VmView vm, double cap) =>
        Ratio(vm.CpuUsage, cap * vm.Cores) + Ratio(vm.MemoryUsage, cap * vm.MemoryMb);

    public static VmView WithReservations(RouteCandidate c, IReservationView reservations) =>
        new(c.VmId, c.Cores, c.MemoryMb, c.CpuUsage + reservations.ReservedCores(c.VmId), c.MemoryUsage + reservations.ReservedMemoryMb(c.VmId));

    private static double Ratio(double used, double capacity) => capacity <= 0 ? (used > 0 ? double.MaxValue / 4 : 0) : used / capacity;
}
