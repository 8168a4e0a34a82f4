namespace HarvestOrleans.Policies;

/// <summary>What an agent chose at one decision, with what PPO needs to learn from it later.</summary>
/// <param name="Action">The chosen candidate's index among the observation's candidates.</param>
/// <param name="LogProbability">log π(action) when it was chosen.</param>
/// <param name="Value">The value network's estimate of the state then.</param>
public readonly record struct AgentDecision(int Action, double LogProbability, double Value);
