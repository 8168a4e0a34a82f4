using System.CommandLine;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>overhead [--quick]</c>: see <see cref="OverheadBenchmark"/>.</summary>
internal sealed class OverheadCommand : Command
{
    private readonly Option<bool> _quick = CommandLine.Quick("One round of 0.5 s warm-up + 1.5 s per cell instead of 3 rounds of 1 s + 3 s (about 4 minutes).");

    public OverheadCommand()
        : base("overhead", "A no-op function through HarvestClient against a raw Orleans grain call, at 1, 16 and 256 callers on 3 silos, with and without per-invocation resource measurement.")
    {
        Add(_quick);
        SetAction(parse => OverheadBenchmark.RunAsync(parse.GetValue(_quick)));
    }
}
