using System.CommandLine;

namespace HarvestOrleans.Bench.Commands;

/// <summary><c>http [--quick]</c>: see <see cref="HttpTriggerBenchmark"/>.</summary>
internal sealed class HttpCommand : Command
{
    private readonly Option<bool> _quick = CommandLine.Quick("1 and 16 callers, one round of 1 s + 2 s, instead of 1, 16 and 64 callers, 3 rounds of 2 s + 5 s (about 1.5 minutes).");

    public HttpCommand()
        : base("http", "The HTTP trigger (POST /api/functions/echo/invoke with an API key) against the .NET client, on one silo.")
    {
        Add(_quick);
        SetAction(parse => HttpTriggerBenchmark.RunAsync(parse.GetValue(_quick)));
    }
}
