using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Simulation.Output;

/// <summary>
/// What a cluster costs: each VM's cores over its lifetime (from its join to its loss or the end of the run) times its
/// price per core-hour. Harvest VMs are billed for the cores they have at each moment, as harvested capacity is.
/// </summary>
public static class CostModel
{
    /// <summary>Core-hours of <paramref name="vm"/> between its join and <paramref name="endSeconds"/> (or its loss).</summary>
    public static double CoreHours(SimVmSpec vm, double endSeconds)
    {
        var end = Math.Min(endSeconds, vm.LostAtSeconds ?? (vm.NoticeAtSeconds + vm.NoticeSeconds) ?? double.MaxValue);
        var start = vm.JoinAtSeconds;
        if (end <= start)
        {
            return 0;
        }

        double coreSeconds = 0;
        for (var i = 0; i < vm.Cores.Count; i++)
        {
            var from = Math.Max(start, i == 0 ? start : vm.Cores[i].AtSeconds);
            var to = Math.Min(end, i + 1 < vm.Cores.Count ? vm.Cores[i + 1].AtSeconds : end);
            if (to > from)
            {
                coreSeconds += (to - from) * vm.Cores[i].Cores;
            }
        }

        return coreSeconds / 3600;
    }

    /// <summary>What <paramref name="vm"/> costs until <paramref name="endSeconds"/>, in dollars.</summary>
    public static double Cost(SimVmSpec vm, double endSeconds) => CoreHours(vm, endSeconds) * vm.PricePerCoreHour;
}

/// <summary>A run's money: dollars and core-hours by VM kind, and what they bought.</summary>
public sealed record CostSummary(IReadOnlyDictionary<VmKind, double> Dollars, IReadOnlyDictionary<VmKind, double> CoreHours, double Hours, long Succeeded)
{
    public double TotalDollars => Dollars.Values.Sum();

    public double TotalCoreHours => CoreHours.Values.Sum();

    /// <summary>Dollars per core-hour by kind (the price list the run used).</summary>
    public IReadOnlyDictionary<VmKind, double> PricePerCoreHour =>
        Dollars.Where(d => CoreHours[d.Key] > 0).ToDictionary(d => d.Key, d => d.Value / CoreHours[d.Key]);

    /// <summary>Dollars per hour of the cluster.</summary>
    public double DollarsPerHour => Hours > 0 ? TotalDollars / Hours : 0;

    /// <summary>Dollars per million successful invocations.</summary>
    public double DollarsPerMillion => Succeeded > 0 ? TotalDollars / Succeeded * 1e6 : double.NaN;

    /// <summary>Successful invocations per dollar.</summary>
    public double InvocationsPerDollar => TotalDollars > 0 ? Succeeded / TotalDollars : double.NaN;

    public static CostSummary Of(IEnumerable<SimVmSpec> vms, double endSeconds, long succeeded)
    {
        var dollars = Enum.GetValues<VmKind>().ToDictionary(k => k, _ => 0.0);
        var coreHours = Enum.GetValues<VmKind>().ToDictionary(k => k, _ => 0.0);
        foreach (var vm in vms)
        {
            dollars[vm.Kind] += CostModel.Cost(vm, endSeconds);
            coreHours[vm.Kind] += CostModel.CoreHours(vm, endSeconds);
        }

        return new CostSummary(dollars, coreHours, endSeconds / 3600, succeeded);
    }
}
