using System.CommandLine;
using HarvestOrleans.Experiments.Cores;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>cores [--invocations N] [--n SIZE] [--quick]</c>: see <see cref="CoresExperiment"/>.</summary>
internal sealed class CoresCommand : Command
{
    /// <summary>Invocations of each function by default.</summary>
    public const int DEFAULT_INVOCATIONS = 20;

    /// <summary>Invocations of each function with <c>--quick</c>.</summary>
    public const int QUICK_INVOCATIONS = 5;

    /// <summary>matmul's matrix size by default: about 0.3 s at 1 core on the project's machines (Release).</summary>
    public const int DEFAULT_N = 600;

    private readonly Option<int> _invocations = new("--invocations")
    {
        Description = "Invocations of each of the three functions, after one uncounted cold start each.",
        DefaultValueFactory = _ => DEFAULT_INVOCATIONS,
        HelpName = "count",
        CustomParser = result => CommandLine.Integer(result, min: 1),
    };

    private readonly Option<int> _n = new("--n")
    {
        Description = "matmul's matrix size (n x n).",
        DefaultValueFactory = _ => DEFAULT_N,
        HelpName = "size",
        CustomParser = result => CommandLine.Integer(result, min: 1),
    };

    private readonly Option<bool> _quick = CommandLine.Quick($"{QUICK_INVOCATIONS} invocations each (overrides --invocations).");

    public CoresCommand()
        : base("cores", "matmul declaring 1, 2 and 4 cores on a 4-core VM: execution time, measured cores and speed-up per allotment.")
    {
        Add(_invocations);
        Add(_n);
        Add(_quick);
        SetAction(async (parse, cancellationToken) =>
        {
            await CoresExperiment.RunAsync(parse.GetValue(_quick) ? QUICK_INVOCATIONS : parse.GetValue(_invocations), parse.GetValue(_n), cancellationToken);
            return 0;
        });
    }
}
