namespace HarvestOrleans.Simulation.Model;

/// <summary>A simulated VM's life: not yet joined, warming what it will serve before the balancer counts it in, taking work, draining after a notice, gone.</summary>
internal enum VmLife
{
    Pending,
    Joining,
    Active,
    Draining,
    Gone,
}
