namespace HarvestOrleans.Policies;

/// <summary>One decision of a rollout: what was seen and chosen, the reward it earned, whether an episode ended with it.</summary>
/// <param name="Observation">What the agent saw.</param>
/// <param name="Decision">What it chose (and the log-probability and value then).</param>
/// <param name="Reward">The reward credited to the decision.</param>
/// <param name="Done">True when the episode ended after it: nothing after it is bootstrapped into it.</param>
public sealed record PpoTransition(PolicyObservation Observation, AgentDecision Decision, double Reward, bool Done);
