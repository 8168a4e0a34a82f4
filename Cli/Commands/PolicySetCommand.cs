using System.CommandLine;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest policy set [--balancing NAME] [--eviction NAME]</c>.</summary>
internal sealed class PolicySetCommand : ClusterCommand
{
    private readonly Option<string?> _balancing = new("--balancing") { Description = "MinWorkerSet, JoinShortestQueue or OpenWhiskHash." };
    private readonly Option<string?> _eviction = new("--eviction") { Description = "LiveAndLetDie, NoFailures or BoundedFailures." };

    public PolicySetCommand()
        : base("set", "Switch the cluster's balancing and/or eviction policy (every FunctionGrain replans with it).")
    {
        Add(_balancing);
        Add(_eviction);
    }

    protected override string? Refuse(ParseResult parse) =>
        parse.GetValue(_balancing) is null && parse.GetValue(_eviction) is null ? "give --balancing and/or --eviction" : null;

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        PolicyCommand.Print(await connection.Operator.SetPolicyAsync(parse.GetValue(_balancing), parse.GetValue(_eviction)));
        return 0;
    }
}
