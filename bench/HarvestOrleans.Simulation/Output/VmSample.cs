namespace HarvestOrleans.Simulation.Output;

/// <summary>A VM's cores and cores in use at one moment of a run (the comparison's load charts).</summary>
public readonly record struct SimVmSample(double AtSeconds, string VmId, double Cores, double CoresInUse);
