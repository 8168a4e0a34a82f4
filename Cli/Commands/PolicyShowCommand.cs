using System.CommandLine;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest policy show</c>.</summary>
internal sealed class PolicyShowCommand : ClusterCommand
{
    public PolicyShowCommand()
        : base("show", "Show the cluster's balancing and eviction policy.")
    {
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        PolicyCommand.Print(await connection.Operator.GetPolicyAsync());
        return 0;
    }
}
