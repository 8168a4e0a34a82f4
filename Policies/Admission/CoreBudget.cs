namespace HarvestOrleans.Policies;

/// <summary>
/// The admission rule, in milli-cores so sums stay exact: an invocation is admitted only if the cores in use plus its
/// own stay within the VM's current cores. A shrink below the cores in use touches nothing running; it only holds
/// admissions back until usage fits again.
/// </summary>
public static class CoreBudget
{
    public const double Milli = 1000;

    public static long ToMilli(double value) => (long)Math.Round(value * Milli);

    /// <summary>The value of <paramref name="milli"/> thousandths (cores or MB).</summary>
    public static double FromMilli(long milli) => milli / Milli;

    public static bool Fits(long inUseMilli, long requestMilli, long coresMilli) => inUseMilli + requestMilli <= coresMilli;
}
