using System.CommandLine;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>measure-functions [--warm N] [--cold N] [--out FILE]</c>: see <see cref="FunctionCostsBenchmark"/>.</summary>
internal sealed class MeasureFunctionsCommand : Command
{
    /// <summary>Warm invocations of each function by default.</summary>
    public const int DEFAULT_WARM = 30;

    /// <summary>Cold starts of each function by default.</summary>
    public const int DEFAULT_COLD = 5;

    private readonly Option<int> _warm = new("--warm")
    {
        Description = "Warm invocations of each function, one at a time (the execution percentiles).",
        DefaultValueFactory = _ => DEFAULT_WARM,
        HelpName = "count",
        CustomParser = result => CommandLine.Integer(result, min: 1),
    };

    private readonly Option<int> _cold = new("--cold")
    {
        Description = "Cold starts of each function (each a new version of the package), after one uncounted warm-up round.",
        DefaultValueFactory = _ => DEFAULT_COLD,
        HelpName = "count",
        CustomParser = result => CommandLine.Integer(result, min: 1),
    };

    private readonly Option<string> _out = new("--out")
    {
        Description = "Where the costs file goes (the simulator embeds the default one).",
        DefaultValueFactory = _ => FunctionCostsBenchmark.DefaultOutput,
        HelpName = "file",
    };

    public MeasureFunctionsCommand()
        : base("measure-functions", "Execution time, cold start and used cores of every FunctionBench function on the live runtime: the simulator's input.")
    {
        Add(_warm);
        Add(_cold);
        Add(_out);
        SetAction((parse, cancellationToken) => FunctionCostsBenchmark.RunAsync(parse.GetValue(_warm), parse.GetValue(_cold), parse.GetValue(_out)!, cancellationToken));
    }
}
