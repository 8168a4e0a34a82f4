using System.CommandLine;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest resize &lt;vm&gt; &lt;cores&gt;</c>.</summary>
internal sealed class ResizeCommand : ClusterCommand
{
    private readonly Argument<string> _vm = new("vm") { Description = "VM id." };
    private readonly Argument<double> _cores = new("cores") { Description = "New core count.", CustomParser = ValueParsers.Number };

    public ResizeCommand()
        : base("resize", "Change a VM's current cores.")
    {
        Add(_vm);
        Add(_cores);
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        var vm = await connection.Operator.ResizeVmAsync(parse.GetValue(_vm)!, parse.GetValue(_cores));
        Console.WriteLine($"{vm.VmId}: {vm.Cores} cores, {vm.State}");
        return 0;
    }
}
