using System.CommandLine;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest policy set [--balancing NAME] [--eviction NAME] [--resources NAME]</c>.</summary>
internal sealed class PolicySetCommand : ClusterCommand
{
    private readonly Option<string?> _balancing = new("--balancing") { Description = "MinWorkerSet, JoinShortestQueue or OpenWhiskHash." };
    private readonly Option<string?> _eviction = new("--eviction") { Description = "LiveAndLetDie, NoFailures or BoundedFailures." };
    private readonly Option<string?> _resources = new("--resources") { Description = "Fixed, Greedy or Freyr: how invokers allocate each invocation's cores and memory." };

    public PolicySetCommand()
        : base("set", "Switch the cluster's balancing, eviction and/or resource policy (every FunctionGrain replans, every invoker allocates with it).")
    {
        Add(_balancing);
        Add(_eviction);
        Add(_resources);
    }

    protected override string? Refuse(ParseResult parse) =>
        parse.GetValue(_balancing) is null && parse.GetValue(_eviction) is null && parse.GetValue(_resources) is null
            ? "give --balancing, --eviction and/or --resources"
            : null;

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        PolicyCommand.Print(await connection.Operator.SetPolicyAsync(parse.GetValue(_balancing), parse.GetValue(_eviction), parse.GetValue(_resources)));
        return 0;
    }
}
