namespace HarvestOrleans.Policies;

/// <summary>Decisions collected from an environment for one update.</summary>
/// <param name="Rollout">The decisions and their rewards.</param>
/// <param name="LastValue">V of the state after the last decision (0 when it ended an episode).</param>
/// <param name="EpisodeReturns">The summed rewards of the episodes that ended during the collection.</param>
public sealed record PpoBatch(PpoRollout Rollout, double LastValue, IReadOnlyList<double> EpisodeReturns);
