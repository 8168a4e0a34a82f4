using System.CommandLine;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest records &lt;id&gt; [--wait]</c>: an async invocation's state and final record.</summary>
internal sealed class RecordsCommand : ClusterCommand
{
    private readonly Argument<Guid> _id = new("id") { Description = "Id of an async invocation (from 'invoke --async' or the HTTP trigger's 202).", CustomParser = ValueParsers.Id };
    private readonly Option<bool> _wait = WaitOption();

    public RecordsCommand()
        : base("records", "Show an async invocation: its state and, once it has one, its final record.")
    {
        Add(_id);
        Add(_wait);
    }

    /// <summary>The <c>--wait</c> option of <c>records</c> and <c>logs</c>.</summary>
    public static Option<bool> WaitOption() => new("--wait") { Description = "Wait until the invocation has its final record." };

    /// <summary>The async invocation <paramref name="id"/>; with <paramref name="wait"/>, once it is no longer accepted or running.</summary>
    public static async Task<AsyncInvocation> FindAsync(ClusterConnection connection, Guid id, bool wait, CancellationToken cancellationToken)
    {
        var invocation = await connection.Operator.GetInvocationAsync(id);
        while (wait && invocation.State is AsyncInvocationState.Accepted or AsyncInvocationState.Running)
        {
            await Task.Delay(200, cancellationToken);
            invocation = await connection.Operator.GetInvocationAsync(id);
        }

        return invocation;
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        var invocation = await FindAsync(connection, parse.GetValue(_id), parse.GetValue(_wait), cancellationToken);
        Output.WriteJson(new
        {
            invocation.Id,
            State = invocation.State.ToString(),
            invocation.Function,
            invocation.AcceptedAt,
            invocation.AcceptedBy,
            invocation.Dispatches,
            Record = invocation.Record is null ? null : Output.Printable(invocation.Record),
        });
        return invocation.State == AsyncInvocationState.Unknown ? 1 : 0;
    }
}
