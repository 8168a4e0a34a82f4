using System.CommandLine;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>pipeline [--quick]</c>: see <see cref="PipelineBenchmark"/>.</summary>
internal sealed class PipelineCommand : Command
{
    private readonly Option<bool> _quick = CommandLine.Quick("1 and 8 callers, one round of 0.5 s + 1.5 s, instead of 1 and 16 callers, 3 rounds of 1 s + 3 s (about 1 minute).");

    public PipelineCommand()
        : base("pipeline", "A two-stage pipeline (stage A calls stage B per item) through direct calls against the same pipeline through a Redis list, on one cluster: per-item latency and throughput.")
    {
        Add(_quick);
        SetAction(parse => PipelineBenchmark.RunAsync(parse.GetValue(_quick)));
    }
}
