using System.CommandLine;
using HarvestOrleans.Packaging;
using HarvestOrleans.Packages;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest deploy &lt;path&gt; [--sha256 DIGEST]</c>: builds (if needed) and deploys a function package.</summary>
internal sealed class DeployCommand : ClusterCommand
{
    private readonly Argument<string> _path = new("path") { Description = "A package zip, a function project folder (.csproj + harvest.json: published first) or a folder with harvest.json and the assemblies." };
    private readonly Option<string?> _sha256 = new("--sha256") { Description = "Refuse the deploy unless the package's SHA-256 is this." };

    public DeployCommand()
        : base("deploy", "Build (if needed) and deploy a function package as its package's new current version.")
    {
        Add(_path);
        Add(_sha256);
    }

    /// <summary>Prints a deploy's (or rollback's) outcome; returns the exit code (1: refused).</summary>
    public static int Print(DeployResult result, string verb)
    {
        if (!result.Accepted)
        {
            Console.Error.WriteLine($"refused: {result.Error}");
            return 1;
        }

        var v = result.Version!;
        Console.WriteLine($"{v.Package}: {verb} v{v.Version} ({v.SizeBytes} bytes, sha256 {v.Digest}); functions: {string.Join(", ", v.Functions.Select(f => f.Spec.Name))}");
        return 0;
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        var archive = await PackageBuilder.BuildAsync(parse.GetValue(_path)!, cancellationToken);
        var result = await connection.Operator.DeployAsync(archive, parse.GetValue(_sha256));
        return Print(result, result.Unchanged ? "unchanged (same bytes as)" : "deployed");
    }
}
