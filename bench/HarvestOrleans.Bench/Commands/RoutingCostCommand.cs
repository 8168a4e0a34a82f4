using System.CommandLine;
using HarvestOrleans.Experiments.RoutingCost;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>routing-cost [--sizes 10,100,1000,10000] [--paper] [--quick]</c>: see <see cref="RoutingCostExperiment"/>.</summary>
internal sealed class RoutingCostCommand : Command
{
    /// <summary>How long each of a cell's rounds runs by default.</summary>
    public static readonly TimeSpan DEFAULT_ROUND = TimeSpan.FromMilliseconds(200);

    /// <summary>How long each round runs with <c>--quick</c>.</summary>
    public static readonly TimeSpan QUICK_ROUND = TimeSpan.FromMilliseconds(10);

    private readonly Option<IReadOnlyList<int>> _sizes = new("--sizes")
    {
        Description = "Comma-separated cluster sizes (VMs).",
        DefaultValueFactory = _ => RoutingCostExperiment.DefaultSizes,
        HelpName = "n,...",
        CustomParser = result => CommandLine.IntegersOf(result, min: 1),
    };

    private readonly Option<bool> _paper = new("--paper") { Description = "Plan and pick by the authors' rules (Paper mode)." };

    private readonly Option<bool> _quick = CommandLine.Quick();

    public RoutingCostCommand()
        : base("routing-cost", "Plan and pick time per decision of every balancing policy at 10 to 10,000 VMs (the policy code the silos run).")
    {
        Add(_sizes);
        Add(_paper);
        Add(_quick);
        SetAction(parse =>
        {
            RoutingCostExperiment.Run(
                parse.GetValue(_sizes)!,
                parse.GetValue(_paper) ? PolicyMode.Paper : PolicyMode.Default,
                parse.GetValue(_quick) ? QUICK_ROUND : DEFAULT_ROUND);
            return 0;
        });
    }
}
