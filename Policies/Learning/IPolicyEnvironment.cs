namespace HarvestOrleans.Policies;

/// <summary>
/// An episodic environment a score policy acts in, one decision at a time (the simulator, or a toy one in tests):
/// it shows an observation, takes the index of the chosen candidate, and answers with the reward and what comes next.
/// </summary>
public interface IPolicyEnvironment
{
    /// <summary>Starts an episode; its first observation.</summary>
    PolicyObservation Reset();

    /// <summary>Acts on candidate <paramref name="action"/> of the last observation.</summary>
    PolicyStep Step(int action);
}
