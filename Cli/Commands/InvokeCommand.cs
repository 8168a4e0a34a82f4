using System.CommandLine;
using System.Text;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest invoke &lt;function&gt; [--data JSON|@file] [--version V] [--async] [--entity ID]</c>.</summary>
internal sealed class InvokeCommand : ClusterCommand
{
    private readonly Argument<string> _function = new("function") { Description = "Function name." };
    private readonly Option<string?> _data = new("--data", "-d") { Description = "Input: JSON text, or @file to read it from a file." };
    private readonly Option<string?> _version = new("--version", "-v") { Description = "Pin a function version (default: latest)." };
    private readonly Option<bool> _submit = new("--async") { Description = "Return at once with the invocation's id; read its record later with 'records <id>'." };
    private readonly Option<string?> _entity = new("--entity", "-e") { Description = "Invoke entity ID of an entity function (its state, one invocation at a time per id)." };

    public InvokeCommand()
        : base("invoke", "Invoke a function and print its invocation record.")
    {
        Add(_function);
        Add(_data);
        Add(_version);
        Add(_submit);
        Add(_entity);
        Validators.Add(result =>
        {
            if (result.GetValue(_entity) is not null && (result.GetValue(_submit) || result.GetValue(_version) is not null))
            {
                result.AddError("--entity takes neither --async nor --version: an entity runs its function's current version, synchronously.");
            }
        });
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

        var record = parse.GetValue(_entity) is { } entity
            ? await connection.Client.InvokeEntityAsync(parse.GetValue(_function)!, entity, input, cancellationToken)
            : await connection.Client.InvokeAsync(parse.GetValue(_function)!, input, parse.GetValue(_version), cancellationToken);
        Output.WriteJson(Output.Printable(record));
        return record.IsSuccess ? 0 : 1;
    }
}
