namespace HarvestOrleans.Policies;

/// <summary>One decision as PPO's loss takes it: the observation, the action and its old log-probability, its advantage and return.</summary>
/// <param name="Observation">What the agent saw.</param>
/// <param name="Action">The candidate it chose.</param>
/// <param name="OldLogProbability">log π_old(action), when it was chosen.</param>
/// <param name="Advantage">Â: how much better than expected the action turned out (normalised or not).</param>
/// <param name="Return">The value network's target.</param>
public readonly record struct PpoSample(PolicyObservation Observation, int Action, double OldLogProbability, double Advantage, double Return);
