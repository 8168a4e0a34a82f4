using System.CommandLine;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest logs &lt;id&gt; [--wait]</c>: the log lines an async invocation's function wrote.</summary>
internal sealed class LogsCommand : ClusterCommand
{
    private readonly Argument<Guid> _id = new("id") { Description = "Id of an async invocation.", CustomParser = ValueParsers.Id };
    private readonly Option<bool> _wait = RecordsCommand.WaitOption();

    public LogsCommand()
        : base("logs", "Print the log lines an async invocation's function wrote.")
    {
        Add(_id);
        Add(_wait);
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        var invocation = await RecordsCommand.FindAsync(connection, parse.GetValue(_id), parse.GetValue(_wait), cancellationToken);
        if (invocation.Record is not { } record)
        {
            Console.Error.WriteLine(invocation.State == AsyncInvocationState.Unknown ? $"no async invocation {invocation.Id}" : $"{invocation.Id} is {invocation.State}: no final record yet");
            return 1;
        }

        foreach (var line in record.Logs)
        {
            Console.WriteLine(line);
        }

        return 0;
    }
}
