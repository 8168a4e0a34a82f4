using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

/// <summary>
/// Checks the rule between <see cref="BalancingOptions"/> and <see cref="InvokerOptions"/> that keeps callers placing
/// on load the invokers still stand behind:
/// <c>ClusterViewRefresh + LeaseTtl ≤ PeakWindowReports × LoadReportInterval</c>.
/// <para>
/// Placement plans against each VM's recent peak, which an invoker takes over its last
/// <see cref="InvokerOptions.PeakWindowReports"/> reports, one every <see cref="InvokerOptions.LoadReportInterval"/>.
/// A caller's load is older than the newest report by up to the silo's view refresh (the view it planned with) plus the
/// lease's lifetime (how long the caller reuses the plan). While that extra age stays within the peak window, every load
/// a caller places on is one the invokers still count as recent; beyond it, callers keep placing on a peak (or an idle
/// VM) that every invoker has already dropped from its window, and the lease outlives what made it right. With the
/// defaults it is 0.5 s + 1 s ≤ 5 × 1 s.
/// </para>
/// </summary>
internal sealed class RoutingTimingValidator(IOptions<BalancingOptions> balancing, IOptions<InvokerOptions> invoker) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var b = balancing.Value;
        var i = invoker.Value;
        var window = i.LoadReportInterval * Math.Max(1, i.PeakWindowReports);
        var age = b.ClusterViewRefresh + b.LeaseTtl;
        if (age > window)
        {
            throw new OrleansConfigurationException(
                $"Invalid routing timings: {BalancingOptions.SectionName}:{nameof(BalancingOptions.ClusterViewRefresh)} ({b.ClusterViewRefresh}) + " +
                $"{BalancingOptions.SectionName}:{nameof(BalancingOptions.LeaseTtl)} ({b.LeaseTtl}) = {age} exceeds the invokers' peak window, " +
                $"{InvokerOptions.SectionName}:{nameof(InvokerOptions.PeakWindowReports)} ({i.PeakWindowReports}) × " +
                $"{InvokerOptions.SectionName}:{nameof(InvokerOptions.LoadReportInterval)} ({i.LoadReportInterval}) = {window}: callers would place " +
                "on load older than any report the invokers still count. Shorten the lease or the view refresh, or report less often.");
        }
    }
}
