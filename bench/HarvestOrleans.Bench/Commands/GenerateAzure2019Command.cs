using System.CommandLine;
using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Experiments.Workloads.Synthetic;

namespace HarvestOrleans.Bench.Commands;

/// <summary>
/// <c>generate-azure2019 [--out DIR] [--functions N] [--daily-invocations N] [--seed S]</c>: see
/// <see cref="Azure2019Generator"/> and <see cref="Azure2019Report"/>.
/// </summary>
internal sealed class GenerateAzure2019Command : Command
{
    private readonly Option<string> _out = new("--out")
    {
        Description = "Folder for the three files (created; files there of the same names are replaced).",
        DefaultValueFactory = _ => Path.Combine(ComparisonRunner.RepoRoot(), "artifacts", "traces", "azure2019-synthetic"),
        HelpName = "folder",
    };

    private readonly Option<int> _functions = new("--functions")
    {
        Description = "Functions in the day, grouped into apps as the trace has them.",
        DefaultValueFactory = _ => new Azure2019GeneratorOptions().Functions,
        HelpName = "count",
        CustomParser = result => CommandLine.Integer(result, min: 1),
    };

    private readonly Option<int?> _dailyInvocations = new("--daily-invocations")
    {
        Description = "Invocations in the day (default: what the published rates give, ~10 million at 1,500 functions).",
        HelpName = "count",
        CustomParser = result => CommandLine.Integer(result, min: 1),
    };

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Seed: the same options write the same bytes.",
        DefaultValueFactory = _ => (int)new Azure2019GeneratorOptions().Seed,
        HelpName = "seed",
        CustomParser = result => CommandLine.Integer(result, min: 0),
    };

    public GenerateAzure2019Command()
        : base("generate-azure2019", "Write a day of invocations with the Azure Functions 2019 trace's published characteristics (ATC'20), in the dataset's own three files.")
    {
        Add(_out);
        Add(_functions);
        Add(_dailyInvocations);
        Add(_seed);
        SetAction(parse =>
        {
            var options = new Azure2019GeneratorOptions
            {
                Functions = parse.GetValue(_functions),
                DailyInvocations = parse.GetValue(_dailyInvocations),
                Seed = parse.GetValue(_seed),
            };
            try
            {
                Azure2019Report.Generate(parse.GetValue(_out)!, options);
                return 0;
            }
            catch (ArgumentOutOfRangeException e) when (e.ParamName == "target")
            {
                return CommandLine.UsageError(Name, $"--daily-invocations: {e.Message.Split(" (Parameter")[0]}");
            }
        });
    }
}
