namespace HarvestOrleans.Simulation.Output;

/// <summary>
/// What one simulated run gives: its figures and cost, and how the engine did (events, wall time, the policies' time per
/// decision — measured around the live policy calls, outside the model).
/// </summary>
public sealed record SimulationResult(
    string Policy,
    double SimulatedSeconds,
    SimulationStats Stats,
    CostSummary Cost,
    IReadOnlyList<SimVmSample> Samples,
    long Events,
    double WallSeconds,
    long Plans,
    double PlanMicroseconds,
    long Picks,
    double PickMicroseconds)
{
    /// <summary>Invocations sent but still running when the run stopped (past the drain limit): they have no final record yet.</summary>
    public long Unfinished { get; init; }

    /// <summary>Successful invocations per simulated second.</summary>
    public double Throughput => SimulatedSeconds > 0 ? Stats.Succeeded / SimulatedSeconds : 0;

    public double EventsPerSecond => WallSeconds > 0 ? Events / WallSeconds : 0;

    /// <summary>Mean time of one plan (µs).</summary>
    public double MeanPlanMicroseconds => Plans == 0 ? 0 : PlanMicroseconds / Plans;

    /// <summary>Mean time of one pick (µs).</summary>
    public double MeanPickMicroseconds => Picks == 0 ? 0 : PickMicroseconds / Picks;
}
