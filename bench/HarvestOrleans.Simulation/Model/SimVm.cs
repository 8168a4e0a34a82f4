using HarvestOrleans.Policies;
using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Simulation.Model;

/// <summary>
/// One VM: its admission state (cores, memory, per-function slots, the shared <see cref="AdmissionLine{T}"/>), its warm
/// pool, the usage it will report and the view of it the planners last saw.
/// </summary>
internal sealed class SimVm(int index, SimVmSpec spec, int functions, int peakWindowReports)
{
    public int Index { get; } = index;

    public SimVmSpec Spec { get; } = spec;

    public string Id => Spec.VmId;

    public VmLife Life { get; set; }

    public int NextCoreStep { get; set; }

    // Admission (milli-units, as the live queue keeps them).
    public long CoresMilli { get; set; }

    public long InUseMilli { get; set; }

    public long MemoryMilli { get; set; }

    public long PeakInUseMilli { get; set; }

    public long PeakMemoryMilli { get; set; }

    public int Running { get; set; }

    /// <summary>Idle cores handover pre-warms are loading with (not admission's: no invocation waits for them).</summary>
    public long PreWarmingMilli { get; set; }

    public int[] RunningByFunction { get; } = new int[functions];

    public AdmissionLine<QueueEntry> Line { get; } = new();

    /// <summary>Admitted invocations (loading or running): what an eviction cuts off.</summary>
    public HashSet<SimInvocation> Admitted { get; } = [];

    // Warm pool.
    public Dictionary<int, WarmInstance> Instances { get; } = [];

    public Dictionary<int, FunctionIdleHistory> IdleHistories { get; } = [];

    /// <summary>Due pre-warms: function → (generation, keep-alive after loading).</summary>
    public Dictionary<int, (long Generation, long KeepAliveUs)> PreWarms { get; } = [];

    public long PreWarmGeneration { get; set; }

    public HashSet<string> WarmNames { get; } = new(StringComparer.Ordinal);

    public bool WarmChanged { get; set; } = true;

    public string[] WarmSnapshot { get; set; } = [];

    // Reporting.
    public double CpuSeconds { get; set; }

    public double LastReportCpuSeconds { get; set; }

    public long LastReportUs { get; set; }

    public LoadPeakWindow Peaks { get; } = new(peakWindowReports);

    public Dictionary<int, UsageInterval> Usage { get; } = [];

    /// <summary>Each function's resource history on this VM, as its invoker's resource manager keeps it.</summary>
    public Dictionary<int, ResourceUsageHistory> ResourceHistories { get; } = [];

    public long LastUsageUs { get; set; }

    /// <summary>Each function's recent rate here, from its usage reports (what a handover ranks by).</summary>
    public FunctionRates Rates { get; } = new();

    /// <summary>Pre-warms this VM still waits for: elsewhere for its notice, or here before it joins; -1 when none is under way.</summary>
    public int HandoverPending { get; set; } = -1;

    /// <summary>What planners see of this VM (its last report); null before its first.</summary>
    public VmView? Reported { get; set; }

    /// <summary>When the report the planners' view holds of this VM was made (0: not in the view).</summary>
    public long ViewReportedUs { get; set; }

    /// <summary>Where this VM is in the planners' view (-1: not in it).</summary>
    public int ViewIndex { get; set; } = -1;

    public bool AcceptsWork => Life == VmLife.Active;

    public void RaisePeaks()
    {
        PeakInUseMilli = Math.Max(PeakInUseMilli, InUseMilli);
        PeakMemoryMilli = Math.Max(PeakMemoryMilli, MemoryMilli);
    }
}
