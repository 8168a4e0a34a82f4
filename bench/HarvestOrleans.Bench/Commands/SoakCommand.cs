using System.CommandLine;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>soak</c>: a steady harvest-only load to attach a profiler to.</summary>
internal sealed class SoakCommand : Command
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    public SoakCommand()
        : base("soak", $"A steady load of the no-op function through HarvestClient for {Duration.TotalSeconds:0} s, to attach a profiler to (dotnet-trace).")
    {
        SetAction(_ => OverheadBenchmark.SoakAsync(Duration));
    }
}
