using System.CommandLine;
using System.Globalization;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest packages</c>: every deployed package version; * marks the current one.</summary>
internal sealed class PackagesCommand : ClusterCommand
{
    public PackagesCommand()
        : base("packages", "List every deployed package version; * marks the current one.")
    {
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        var catalog = await connection.Operator.GetPackagesAsync();
        var table = Output.Table("", "PACKAGE", ">VERSION", ">SIZE", "DEPLOYED", "SHA-256", "FUNCTIONS");
        foreach (var v in catalog.Versions)
        {
            var current = catalog.Current.GetValueOrDefault(v.Package) == v.Version ? "*" : " ";
            table.AddTextRow(current, v.Package, v.Version, v.SizeBytes.ToString(CultureInfo.CurrentCulture),
                v.DeployedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.CurrentCulture), v.Digest[..16], string.Join(", ", v.Functions.Select(f => f.Spec.Name)));
        }

        Output.Write(table);
        return 0;
    }
}
