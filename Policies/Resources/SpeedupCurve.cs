namespace HarvestOrleans.Policies;

/// <summary>
/// Reads a function's speedup profile: at each allocated-cores level, the average cores its invocations used
/// (CPU-seconds per second of execution). For the same work a run's duration is inversely proportional to that, and
/// unlike a duration it does not depend on the input's size, so the ratio of two levels is the speedup the extra cores
/// bought, whatever inputs the invocations had.
/// </summary>
public static class SpeedupCurve
{
    /// <summary>
    /// The most cores worth giving the function: the lower of the first two consecutive measured levels (each with at
    /// least <see cref="ResourcePolicySettings.MinSpeedupSamples"/> samples) between which the speedup fell short of
    /// <see cref="ResourcePolicySettings.MinAccelerationEfficiency"/> of the ideal (upper/lower − 1); null while every
    /// measured step paid off, or fewer than two levels are measured (more cores may still help).
    /// </summary>
    public static double? AccelerationLimit(IReadOnlyList<SpeedupPoint> profile, ResourcePolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(settings);
        var levels = profile
            .Where(p => p.Samples >= settings.MinSpeedupSamples && p.Cores > 0 && p.MeanCores > 0)
            .OrderBy(p => p.Cores)
            .ToList();
        for (var i = 1; i < levels.Count; i++)
        {
            var (lower, upper) = (levels[i - 1], levels[i]);
            var ideal = upper.Cores / lower.Cores - 1;
            var gain = upper.MeanCores / lower.MeanCores - 1;
            if (gain < settings.MinAccelerationEfficiency * ideal)
            {
                return lower.Cores;
            }
        }

        return null;
    }
}
