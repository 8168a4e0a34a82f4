using System.CommandLine;
using System.Text;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest invoke &lt;function&gt; [--data JSON|@file] [--version V] [--async]</c>.</summary>
internal sealed class InvokeCommand : ClusterCommand
{
    private readonly Argument<string> _function = new("function") { Description = "Function name." };
    private readonly Option<string?> _data = new("--data", "-d") { Description = "Input: JSON text, or @file to read it from a file." };
    private readonly Option<string?> _version = new("--version", "-v") { Description = "Pin a function version (default: latest)." };
    private readonly Option<bool> _submit = new("--async") { Description = "Return at once with the invocation's id; read its record later with 'records <id>'." };

    public InvokeCommand()
        : base("invoke", "Invoke a function and print its invocation record.")
    {
        Add(_function);
        Add(_data);
        Add(_version);
        Add(_submit);
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        var input = parse.GetValue(_data) is { } text ? (text.StartsWith('@') ? await File.ReadAllBytesAsync(text[1..], cancellationToken) : Encoding.UTF8.GetBytes(text)) : [];
        if (parse.GetValue(_submit))
        {
            var accepted = await connection.Client.SubmitAsync(parse.GetValue(_function)!, input, parse.GetValue(_version));
            Console.WriteLine($"{accepted.Id} {accepted.State}");
            return 0;
        }

        var record = await connection.Client.InvokeAsync(parse.GetValue(_function)!, input, parse.GetValue(_version), cancellationToken);
        Output.WriteJson(Output.Printable(record));
        return record.IsSuccess ? 0 : 1;
    }
}
