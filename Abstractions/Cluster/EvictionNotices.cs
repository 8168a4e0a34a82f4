using System.Globalization;

namespace HarvestOrleans.Cluster;

/// <summary>
/// The notice an operator may give a VM's eviction (<c>HarvestOperator.EvictVmAsync</c>, the CLI's <c>evict --notice</c>):
/// from <see cref="MinNotice"/> (0: no grace, the VM is evicted at once) to <see cref="MaxNotice"/> (one day).
/// Anything else — negative, not a number, infinite, or longer than a day — is the caller's error.
/// </summary>
public static class EvictionNotices
{
    /// <summary>The CLI's default notice, in seconds (Azure Spot's eviction notice is about 30 s).</summary>
    public const double DEFAULT_NOTICE_SECONDS = 30;

    /// <summary>The shortest notice, in seconds: 0, the VM drains and goes away at once.</summary>
    public const double MIN_NOTICE_SECONDS = 0;

    /// <summary>The longest notice, in seconds: one day (for longer, drain the VM and evict it later).</summary>
    public const double MAX_NOTICE_SECONDS = 24 * 60 * 60;

    /// <summary><see cref="MIN_NOTICE_SECONDS"/> as a span.</summary>
    public static TimeSpan MinNotice { get; } = TimeSpan.FromSeconds(MIN_NOTICE_SECONDS);

    /// <summary><see cref="MAX_NOTICE_SECONDS"/> as a span.</summary>
    public static TimeSpan MaxNotice { get; } = TimeSpan.FromSeconds(MAX_NOTICE_SECONDS);

    /// <summary>Why <paramref name="seconds"/> is not an allowed notice, or null when it is.</summary>
    public static string? Problem(double seconds) =>
        double.IsFinite(seconds) && seconds >= MIN_NOTICE_SECONDS && seconds <= MAX_NOTICE_SECONDS
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"The eviction notice must be between {MIN_NOTICE_SECONDS} and {MAX_NOTICE_SECONDS} seconds (24 h); {seconds} is not.");

    /// <summary>Why <paramref name="notice"/> is not an allowed notice, or null when it is.</summary>
    public static string? Problem(TimeSpan notice) =>
        notice >= MinNotice && notice <= MaxNotice
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"The eviction notice must be between {MIN_NOTICE_SECONDS} and {MAX_NOTICE_SECONDS} seconds (24 h); {notice.TotalSeconds} is not.");

    /// <summary>The notice for <paramref name="seconds"/>; <see cref="ArgumentOutOfRangeException"/> when it is not allowed.</summary>
    public static TimeSpan FromSeconds(double seconds) =>
        Problem(seconds) is { } problem
            ? throw new ArgumentOutOfRangeException(nameof(seconds), seconds, problem)
            : TimeSpan.FromSeconds(seconds);
}
