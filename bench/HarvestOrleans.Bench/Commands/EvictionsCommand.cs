using System.CommandLine;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>evictions [--quick] [--traces FOLDER] [--verbose]</c>: see <see cref="EvictionBenchmark"/>.</summary>
internal sealed class EvictionsCommand : Command
{
    private readonly Option<bool> _quick = CommandLine.Quick("20 s of load instead of 60 s.");

    private readonly Option<string> _traces = new("--traces")
    {
        Description = $"Folder of the four VMs' harvest traces, {EvictionBenchmark.TraceFilePattern}.",
        HelpName = "folder",
        DefaultValueFactory = _ => EvictionBenchmark.DefaultTraces,
    };

    private readonly Option<bool> _verbose = new("--verbose") { Description = "Log the client's view of lost workers and retries, with times.", DefaultValueFactory = _ => false };

    public EvictionsCommand()
        : base("evictions", "Four VMs replaying harvest traces under steady load, through an eviction with notice and a silo killed without; counts lost invocations (exit 1 if any).")
    {
        Add(_quick);
        Add(_traces);
        Add(_verbose);
        SetAction(parse =>
        {
            var folder = parse.GetValue(_traces)!;
            return EvictionBenchmark.MissingTraces(folder) is { } missing
                ? Task.FromResult(CommandLine.UsageError("evictions", missing))
                : EvictionBenchmark.RunAsync(parse.GetValue(_quick), folder, parse.GetValue(_verbose));
        });
    }
}
