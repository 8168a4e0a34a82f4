using HarvestOrleans.Cluster;

namespace HarvestOrleans.GrainInterfaces;

/// <summary>The authority on one Harvest VM (keyed by VM id): cores, memory, role, state, load and price.</summary>
[Alias("HarvestOrleans.IHarvestVmGrain")]
public interface IHarvestVmGrain : IGrainWithStringKey
{
    /// <summary>Called by the VM's silo at start-up; a re-registration (new silo) makes the VM Active again.</summary>
    [Alias("Register")]
    Task RegisterAsync(VmRegistration registration);

    /// <summary>Changes the VM's current cores; its invoker admits by the new count at once.</summary>
    [Alias("Resize")]
    Task<VmSnapshot> ResizeAsync(double cores);

    /// <summary>Moves the VM to <see cref="VmState.Draining"/>: it gets no new work, running work finishes.</summary>
    [Alias("Drain")]
    Task<VmSnapshot> DrainAsync();

    /// <summary>
    /// An eviction notice: the VM drains (no new work; running invocations finish) and goes away at
    /// <paramref name="deadline"/>. Announced on the eviction stream. A notice always leads to eviction by its deadline:
    /// a VM already draining (an operator's drain, or an earlier notice) keeps the earlier of the two deadlines. Repeating
    /// a notice changes nothing but completes the steps of one that failed part-way (the same event id is announced).
    /// </summary>
    [Alias("BeginEviction")]
    Task<VmSnapshot> BeginEvictionAsync(DateTimeOffset deadline, string reason);

    /// <summary>The VM is gone (drained and stopped, or its silo died). Announced on the eviction stream; idempotent.</summary>
    [Alias("MarkEvicted")]
    Task<VmSnapshot?> MarkEvictedAsync(string reason);

    [OneWay, Alias("ReportLoad")]
    Task ReportLoadAsync(VmLoad load);

    [ReadOnly, Alias("GetSnapshot")]
    Task<VmSnapshot?> GetSnapshotAsync();
}
