namespace HarvestOrleans.Policies;

/// <summary>
/// The Freyr authors' reward (their <c>get_reward</c> and <c>try_update_request_record</c>), from each completed
/// invocation's slowdown (its duration over its duration at the user's configuration; &lt; 1 is a speedup): per step,
/// −Σ slowdown / n^(1/3) with n the invocations completed so far, plus Σ (1 − slowdown) over the accelerated ones,
/// minus Σ (slowdown − 1) × the configuration's size in grid steps over the slowed ones (degrading a big function
/// costs more).
/// </summary>
public static class FreyrReward
{
    /// <summary>
    /// One invocation's bonus or penalty: 1 − <paramref name="slowdown"/> when it ran faster, −(slowdown − 1) ×
    /// (configured cores / CPU step + configured memory / memory step) when slower, 0 at 1.
    /// </summary>
    public static double Invocation(double slowdown, ResourceAllocation configured, ResourcePolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (slowdown < 1)
        {
            return 1 - slowdown;
        }

        var size = configured.Cores / settings.CpuStep + configured.MemoryMb / settings.MemoryStepMb;
        return slowdown > 1 ? -(slowdown - 1) * size : 0;
    }

    /// <summary>
    /// The reward of one step in which <paramref name="completed"/> finished, <paramref name="completedSoFar"/> having
    /// finished in the episode up to and including them (the authors' throughput).
    /// </summary>
    public static double Step(IEnumerable<(double Slowdown, ResourceAllocation Configured)> completed, long completedSoFar, ResourcePolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(completed);
        double total = 0, bonuses = 0;
        foreach (var (slowdown, configured) in completed)
        {
            total += slowdown;
            bonuses += Invocation(slowdown, configured, settings);
        }

        var scale = completedSoFar > 0 ? Math.Cbrt(completedSoFar) : 1;
        return -total / scale + bonuses;
    }
}
