namespace HarvestOrleans.Policies;

/// <summary>What an <see cref="IPolicyEnvironment"/> answers to one action.</summary>
/// <param name="Reward">The reward the action earned.</param>
/// <param name="Done">The episode ended with it.</param>
/// <param name="Next">The next observation; null when <paramref name="Done"/>.</param>
public readonly record struct PolicyStep(double Reward, bool Done, PolicyObservation? Next);
