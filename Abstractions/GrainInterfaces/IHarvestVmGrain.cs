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

    [OneWay, Alias("ReportLoad")]
    Task ReportLoadAsync(VmLoad load);

    [ReadOnly, Alias("GetSnapshot")]
    Task<VmSnapshot?> GetSnapshotAsync();
}
