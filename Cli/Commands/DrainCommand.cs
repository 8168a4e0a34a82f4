using System.CommandLine;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest drain &lt;vm&gt;</c>.</summary>
internal sealed class DrainCommand : ClusterCommand
{
    private readonly Argument<string> _vm = new("vm") { Description = "VM id." };

    public DrainCommand()
        : base("drain", "Stop new work reaching a VM; running invocations finish.")
    {
        Add(_vm);
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        var vm = await connection.Operator.DrainVmAsync(parse.GetValue(_vm)!);
        Console.WriteLine($"{vm.VmId}: {vm.State}");
        return 0;
    }
}
