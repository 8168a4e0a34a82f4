using System.CommandLine;
using HarvestOrleans.Experiments.Comparison;
using HarvestOrleans.Experiments.Traces;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>generate-traces</c>: rewrites the bundled sample Azure traces.</summary>
internal sealed class GenerateTracesCommand : Command
{
    public GenerateTracesCommand()
        : base("generate-traces", "Rewrite the bundled sample traces (samples/traces/azure2019 and azure2021).")
    {
        SetAction(_ =>
        {
            var root = Path.Combine(ComparisonRunner.RepoRoot(), "samples", "traces");
            SampleTraces.Write2019(Path.Combine(root, "azure2019"));
            SampleTraces.Write2021(Path.Combine(root, "azure2021", "invocations.csv"));
            Console.WriteLine($"Wrote sample traces under {root}.");
            return 0;
        });
    }
}
