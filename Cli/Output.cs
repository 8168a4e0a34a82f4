using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HarvestOrleans.Invocations;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace HarvestOrleans.Cli;

/// <summary>How commands print: JSON documents, and tables rendered by Spectre.Console.</summary>
internal static class Output
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Standard output as a Spectre.Console console. Redirected to a file or pipe, a row never wraps.</summary>
    private static readonly Lazy<IAnsiConsole> Console = new(() =>
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = 4096;
        }

        return console;
    });

    public static void WriteJson(object value) => System.Console.WriteLine(JsonSerializer.Serialize(value, Json));

    /// <summary>A borderless table (one line per row, as scripts read it) with these column headers; a header starting with '&gt;' is right-aligned.</summary>
    public static Table Table(params string[] headers)
    {
        var table = new Table { Border = TableBorder.None, ShowHeaders = true };
        foreach (var header in headers)
        {
            var right = header.StartsWith('>');
            var column = new TableColumn(new Text(right ? header[1..] : header, new Style(decoration: Decoration.Bold)));
            table.AddColumn(right ? column.RightAligned() : column);
        }

        if (table.Columns.Count > 0)
        {
            table.Columns[0].PadLeft(0);
        }

        return table;
    }

    /// <summary>Adds a row of plain text cells (no markup is interpreted).</summary>
    public static void AddTextRow(this Table table, params string[] cells) => table.AddRow(cells.Select(c => (IRenderable)new Text(c)));

    public static void Write(Table table) => Console.Value.Write(table);

    /// <summary>The record with its output shown as text (JSON outputs stay readable).</summary>
    public static object Printable(InvocationRecord record) => new
    {
        record.Id,
        record.Function,
        record.Version,
        Status = record.Status.ToString(),
        Output = record.Output is null ? null : Encoding.UTF8.GetString(record.Output),
        record.Error,
        record.VmId,
        record.QueueWaitMs,
        record.InitMs,
        record.ExecutionMs,
        record.LatencyMs,
        record.CpuSeconds,
        record.AverageCores,
        record.AllocatedBytes,
        record.ConfiguredCores,
        record.AllocatedCores,
        record.AllottedCores,
        record.ConfiguredMemoryMb,
        record.AllocatedMemoryMb,
        record.ResourcePolicy,
        record.ResourceReason,
        record.ColdStart,
        record.Attempts,
        record.Overload,
        record.Logs,
    };
}
