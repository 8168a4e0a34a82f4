namespace HarvestOrleans.Policies;

/// <summary>
/// One function's idle times on one VM and what they decide: each gap between the end of the last invocation and the
/// next arrival is one idle time (however many invocations overlap), and at each end the keep-alive policy chooses the
/// windows from the histogram. What a VM's warm pool keeps, in the silos and in the simulator. Not thread-safe.
/// </summary>
public sealed class FunctionIdleHistory(TimeSpan binWidth, int bins)
{
    private long? _lastEndMs;

    public IdleTimeHistogram IdleTimes { get; } = new(binWidth, bins);

    /// <summary>An invocation arrives: closes the current gap, if one is open.</summary>
    public void Arrive(long nowMs)
    {
        if (_lastEndMs is { } lastEnd)
        {
            IdleTimes.Add(TimeSpan.FromMilliseconds(nowMs - lastEnd));
            _lastEndMs = null; // one idle time per gap, however many invocations overlap
        }
    }

    /// <summary>An invocation ends: opens a gap and returns what to do with the instance now.</summary>
    public KeepAliveWindows End(long nowMs, IKeepAlivePolicy policy, KeepAlivePolicySettings settings)
    {
        _lastEndMs = nowMs;
        return policy.Windows(IdleTimes, settings);
    }
}
