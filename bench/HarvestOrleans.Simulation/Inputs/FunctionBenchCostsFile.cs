namespace HarvestOrleans.Simulation.Inputs;

/// <summary>
/// <c>Data/functionbench.json</c>: what the suite's functions cost on the live runtime, written by the bench command
/// <c>measure-functions</c> and read by <see cref="FunctionBenchCosts"/>. It says when, where and on which commit it was
/// measured, because the figures are only as good as that machine.
/// </summary>
public sealed record FunctionBenchCostsFile
{
    /// <summary>The format this library reads and writes.</summary>
    public const int CURRENT_FORMAT = 1;

    /// <summary>The file's format version: <see cref="CURRENT_FORMAT"/>.</summary>
    public required int Format { get; init; }

    /// <summary>When the measurement finished.</summary>
    public required DateTimeOffset MeasuredAt { get; init; }

    /// <summary>The machine it ran on.</summary>
    public required MeasurementMachine Machine { get; init; }

    /// <summary>The commit of the measuring code (<c>git describe --always --dirty</c>), if it was known.</summary>
    public string? Commit { get; init; }

    /// <summary>Emulated cores of the one VM the functions ran on.</summary>
    public required double VmCores { get; init; }

    /// <summary>Warm invocations measured per function.</summary>
    public required int WarmInvocations { get; init; }

    /// <summary>Cold starts measured per function.</summary>
    public required int ColdStarts { get; init; }

    /// <summary>The functions, in the suite's order.</summary>
    public required IReadOnlyList<MeasuredFunctionCosts> Functions { get; init; }

    /// <summary>The functions as the simulator runs them, in the file's order.</summary>
    public IReadOnlyList<SimFunctionSpec> ToSpecs() => [.. Functions.Select(f => f.ToSpec())];
}
