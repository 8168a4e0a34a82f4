namespace HarvestOrleans.Simulation.Model;

/// <summary>A simulated VM's life: not yet joined, taking work, draining after a notice, gone.</summary>
internal enum VmLife
{
    Pending,
    Active,
    Draining,
    Gone,
}
