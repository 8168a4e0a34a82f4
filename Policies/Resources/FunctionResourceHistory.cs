namespace HarvestOrleans.Policies;

/// <summary>
/// What a resource policy knows of a function's recent invocations (see <see cref="ResourceUsageHistory"/>, which
/// keeps it).
/// </summary>
/// <param name="Invocations">Completed invocations recorded; 0: no history.</param>
/// <param name="LastFailed">The last completed invocation failed (an error or a timeout).</param>
/// <param name="LastAllocation">What the last one was given.</param>
/// <param name="LastPeak">What the last one used at its peak.</param>
/// <param name="RecentPeak">
/// The highest peaks of the successful invocations since the last recalibration (a run the safeguard sent back to the
/// user's configuration), as the authors' <c>get_recent_cpu_peak_per_function</c> keeps them.
/// </param>
/// <param name="Speedup">Average cores used per allocated cores, lowest allocation first: whether more cores made it faster.</param>
public sealed record FunctionResourceHistory(
    long Invocations,
    bool LastFailed,
    ResourceAllocation LastAllocation,
    ResourceUsage LastPeak,
    ResourceUsage RecentPeak,
    IReadOnlyList<SpeedupPoint> Speedup)
{
    /// <summary>No invocation yet.</summary>
    public static FunctionResourceHistory None { get; } = new(0, false, default, default, default, []);

    /// <summary>True before any completed invocation.</summary>
    public bool IsEmpty => Invocations == 0;
}
