namespace HarvestOrleans.Experiments.Simulation.Fidelity;

/// <summary>One scenario and policy, live and simulated (one run per seed), and what of it does not agree within the bounds.</summary>
public sealed record FidelityCell(string Scenario, string Policy, FidelityFigures Live, IReadOnlyList<FidelityFigures> Simulated, IReadOnlyList<string> Misses)
{
    /// <summary>The median of each figure over the simulated runs.</summary>
    public FidelityFigures SimulatedMedian => new(
        Simulated[0].Invocations,
        Median(Simulated.Select(f => f.ColdStartPct)),
        Median(Simulated.Select(f => f.VmsPerFunction)),
        Median(Simulated.Select(f => f.P50Ms)));

    /// <summary>Every figure agrees within the bounds.</summary>
    public bool Agrees => Misses.Count == 0;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
