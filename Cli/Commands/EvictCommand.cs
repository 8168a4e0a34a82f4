using System.CommandLine;
using HarvestOrleans.Cluster;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest evict &lt;vm&gt; [--notice SECONDS]</c>.</summary>
internal sealed class EvictCommand : ClusterCommand
{
    private readonly Argument<string> _vm = new("vm") { Description = "VM id." };
    private readonly Option<double> _notice = new("--notice")
    {
        Description = $"Seconds of notice before the VM goes away, {EvictionNotices.MIN_NOTICE_SECONDS} to {EvictionNotices.MAX_NOTICE_SECONDS} (24 h).",
        DefaultValueFactory = _ => EvictionNotices.DEFAULT_NOTICE_SECONDS,
        // Bad input is the caller's error: a parse error, reported before connecting (exit 2), nothing changed.
        CustomParser = result => ValueParsers.Number(result, EvictionNotices.Problem),
    };

    public EvictCommand()
        : base("evict", "Announce a VM's eviction: it drains, its grains move, its silo stops at the deadline.")
    {
        Add(_vm);
        Add(_notice);
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        var vm = await connection.Operator.EvictVmAsync(parse.GetValue(_vm)!, EvictionNotices.FromSeconds(parse.GetValue(_notice)));
        Console.WriteLine($"{vm.VmId}: {vm.State} until {vm.EvictionDeadline:u}");
        return 0;
    }
}
