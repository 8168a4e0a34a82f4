using System.CommandLine;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest rollback &lt;package&gt; [--to VERSION]</c>.</summary>
internal sealed class RollbackCommand : ClusterCommand
{
    private readonly Argument<string> _package = new("package") { Description = "Package name." };
    private readonly Option<string?> _to = new("--to") { Description = "Version to make current (default: the one before the current)." };

    public RollbackCommand()
        : base("rollback", "Make an earlier (or any) deployed version of a package the current one.")
    {
        Add(_package);
        Add(_to);
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken) =>
        DeployCommand.Print(await connection.Operator.RollbackAsync(parse.GetValue(_package)!, parse.GetValue(_to)), "current version is");
}
