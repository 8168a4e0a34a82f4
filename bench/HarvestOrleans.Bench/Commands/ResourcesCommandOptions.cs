using System.CommandLine;
using HarvestOrleans.Experiments.Simulation.Resources;
using HarvestOrleans.Policies;

namespace HarvestOrleans.Bench.Commands;

/// <summary>The options <c>resources</c> (live) and <c>simulate resources</c> share: the same workload, described the same way.</summary>
internal static class ResourcesCommandOptions
{
    public static Option<IReadOnlyList<string>> Policies(IReadOnlyList<string> defaults) => new("--policies")
    {
        Description = "Comma-separated resource managers.",
        DefaultValueFactory = _ => defaults,
        CustomParser = r => CommandLine.ListOf(r, new ResourcePolicies().Names),
        HelpName = string.Join(",", new ResourcePolicies().Names),
    };

    public static Option<int> Minutes(int defaultMinutes) =>
        new("--minutes") { Description = "Minutes of per-minute counts replayed.", DefaultValueFactory = _ => defaultMinutes, CustomParser = r => CommandLine.Integer(r, 1), HelpName = "min" };

    public static Option<double> Rate(double defaultRate) =>
        new("--rate") { Description = "Mean invocations per minute over all functions.", DefaultValueFactory = _ => defaultRate, CustomParser = r => CommandLine.Positive(r), HelpName = "n" };

    public static Option<string?> Weights() =>
        new("--weights") { Description = $"Freyr's trained weights. [default: the shipped {FreyrWeights.ShippedPath}]", HelpName = "file" };

    public static Option<int> Seed(int defaultSeed, string description) =>
        new("--seed") { Description = description, DefaultValueFactory = _ => defaultSeed, CustomParser = r => CommandLine.Integer(r, 0), HelpName = "n" };

    public static Option<string> Output(string defaultFolder) =>
        new("--out") { Description = "Where the CSV and chart go.", DefaultValueFactory = _ => defaultFolder, HelpName = "folder" };
}
