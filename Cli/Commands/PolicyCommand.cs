using System.CommandLine;
using HarvestOrleans.Routing;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest policy show|set</c>: the cluster's balancing, eviction and resource policy.</summary>
internal sealed class PolicyCommand : Command
{
    public PolicyCommand()
        : base("policy", "Show or set the cluster's balancing, eviction and resource policy.")
    {
        Add(new PolicyShowCommand());
        Add(new PolicySetCommand());
    }

    /// <summary>Prints a policy selection (what <c>show</c> and <c>set</c> print).</summary>
    public static void Print(PolicySelection selection) =>
        Console.WriteLine($"balancing: {selection.Balancing ?? "as configured on each silo"}\neviction:  {selection.Eviction ?? "as configured on each silo"}\nresources: {selection.Resources ?? "as configured on each silo"}\n(version {selection.Version}{(selection.Version > 0 ? $", changed {selection.ChangedAt:u}" : "")})");
}
