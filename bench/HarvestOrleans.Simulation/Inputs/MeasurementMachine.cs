namespace HarvestOrleans.Simulation.Inputs;

/// <summary>Where a measurement was taken: figures from another machine are only comparable with care.</summary>
/// <param name="Processors">The processors the measuring process saw (<c>Environment.ProcessorCount</c>).</param>
/// <param name="OperatingSystem">The OS description.</param>
/// <param name="Runtime">The .NET runtime description.</param>
public sealed record MeasurementMachine(int Processors, string OperatingSystem, string Runtime);
