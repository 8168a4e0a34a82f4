using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Simulation;

/// <summary>
/// Evictions of Harvest VMs from the paper's measured lifetimes (paper.md, "Harvest VMs": average lifetime 61.5 days;
/// >90% live longer than a day; >60% longer than a month). An exponential lifetime with that mean matches all three:
/// P(&gt; 1 day) = e^(−1/61.5) = 98.4%, P(&gt; 30 days) = e^(−30/61.5) = 61.4%. Memorylessness lets a run of any length
/// start at a random point of each VM's life, so each VM is evicted within a run of T hours with probability
/// 1 − e^(−T/(61.5·24)). Evictions come with notice (Azure gives ~30 s) unless <see cref="WithoutNoticeShare"/> says
/// otherwise; each evicted VM is replaced, as the resource monitor does, by a fresh Harvest VM after a provisioning delay.
/// </summary>
/// <param name="MeanLifetimeDays">Mean Harvest VM lifetime (61.5 in the paper); a smaller value stresses the policies.</param>
/// <param name="WithoutNoticeShare">Fraction of evictions that give no notice (losses: a crash, a kill).</param>
/// <param name="ReplacementDelaySeconds">How long a replacement VM takes to join.</param>
public sealed record EvictionModel(double MeanLifetimeDays = EvictionModel.PAPER_MEAN_LIFETIME_DAYS, double WithoutNoticeShare = 0, double ReplacementDelaySeconds = 120)
{
    /// <summary>The paper's measured average Harvest VM lifetime.</summary>
    public const double PAPER_MEAN_LIFETIME_DAYS = 61.5;

    /// <summary>The VMs with evictions drawn over <paramref name="hours"/>, plus a replacement for each evicted one.</summary>
    public IReadOnlyList<SimVmSpec> Apply(IReadOnlyList<SimVmSpec> vms, double hours, int seed)
    {
        var random = new Random(seed);
        var horizon = hours * 3600;
        var result = new List<SimVmSpec>(vms.Count);
        var replacements = new List<SimVmSpec>();
        foreach (var vm in vms)
        {
            if (vm.IsRegular)
            {
                result.Add(vm);
                continue;
            }

            var lifetime = -Math.Log(1 - random.NextDouble()) * MeanLifetimeDays * 86_400;
            var at = vm.JoinAtSeconds + lifetime;
            if (at >= horizon)
            {
                result.Add(vm);
                continue;
            }

            var noNotice = random.NextDouble() < WithoutNoticeShare;
            result.Add(noNotice ? vm with { LostAtSeconds = at } : vm with { NoticeAtSeconds = at });
            var gone = noNotice ? at : at + vm.NoticeSeconds;
            replacements.Add(vm with
            {
                VmId = vm.VmId + "-r",
                JoinAtSeconds = gone + ReplacementDelaySeconds,
                NoticeAtSeconds = null,
                LostAtSeconds = null,
            });
        }

        return [.. result, .. replacements];
    }

    /// <summary>Expected evictions per VM over <paramref name="hours"/>.</summary>
    public double EvictionProbability(double hours) => 1 - Math.Exp(-hours / (MeanLifetimeDays * 24));
}
