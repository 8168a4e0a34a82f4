using System.CommandLine;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>coldstart [--runs N] [--quick]</c>: see <see cref="ColdStartBenchmark"/>.</summary>
internal sealed class ColdStartCommand : Command
{
    /// <summary>Cold/warm pairs measured by default.</summary>
    public const int DEFAULT_RUNS = 30;

    /// <summary>Cold/warm pairs measured with <c>--quick</c>.</summary>
    public const int QUICK_RUNS = 10;

    private readonly Option<int> _runs = new("--runs")
    {
        Description = "Cold/warm pairs to measure (each deploys a new version of the package), after one uncounted warm-up.",
        DefaultValueFactory = _ => DEFAULT_RUNS,
        HelpName = "n",
        CustomParser = result => CommandLine.Integer(result, min: 1),
    };

    private readonly Option<bool> _quick = CommandLine.Quick($"{QUICK_RUNS} runs (overrides --runs).");

    public ColdStartCommand()
        : base("coldstart", "Cold start against warm invoke of a ~1 MB package kept in Azure Blob Storage (starts its own Azurite).")
    {
        Add(_runs);
        Add(_quick);
        SetAction(parse => ColdStartBenchmark.RunAsync(parse.GetValue(_quick) ? QUICK_RUNS : parse.GetValue(_runs)));
    }
}
