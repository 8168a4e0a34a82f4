using HarvestOrleans.Policies;

namespace HarvestOrleans.Experiments.Simulation.Resources;

/// <summary>Where Freyr's trained weights live: written by <c>simulate train-freyr</c>, shipped in the Policies library.</summary>
public static class FreyrWeights
{
    /// <summary>The shipped file, relative to the repository root.</summary>
    public static readonly string ShippedPath = Path.Combine("Policies", "Resources", "Data", FreyrResourcePolicy.SHIPPED_WEIGHTS_FILE);

}
