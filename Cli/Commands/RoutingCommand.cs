using System.CommandLine;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest routing &lt;function&gt;</c>: the function's home VM, worker set and profile, as JSON.</summary>
internal sealed class RoutingCommand : ClusterCommand
{
    private readonly Argument<string> _function = new("function") { Description = "Function name." };

    public RoutingCommand()
        : base("routing", "Show a function's home VM, worker set and profile.")
    {
        Add(_function);
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        var info = await connection.Operator.GetFunctionRoutingAsync(parse.GetValue(_function)!);
        Output.WriteJson(info);
        return info.Registered ? 0 : 1;
    }
}
