using System.Globalization;

namespace HarvestOrleans.Policies;

/// <summary>
/// Cores granted by a cgroup CPU quota: v2 <c>cpu.max</c> ("&lt;quota&gt; &lt;period&gt;" or "max &lt;period&gt;"), or
/// v1 <c>cpu.cfs_quota_us</c>/<c>cpu.cfs_period_us</c> (quota -1 = unlimited). Unlimited yields null.
/// </summary>
public static class CgroupCpuQuota
{
    public static double? ParseV2(string cpuMax)
    {
        var parts = cpuMax.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 2)
        {
            throw new FormatException($"cpu.max: expected '<quota> <period>', got '{cpuMax.Trim()}'.");
        }

        if (parts[0] == "max")
        {
            return null;
        }

        var period = parts.Length == 2 ? ParseLong(parts[1], "cpu.max period") : 100_000;
        return FromV1(ParseLong(parts[0], "cpu.max quota"), period);
    }

    public static double? FromV1(long quotaUs, long periodUs)
    {
        if (quotaUs < 0)
        {
            return null;
        }

        if (periodUs <= 0)
        {
            throw new FormatException($"CPU period must be positive, was {periodUs}.");
        }

        return (double)quotaUs / periodUs;
    }

    public static long ParseLong(string text, string what) =>
        long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{what}: '{text.Trim()}' is not an integer.");
}
