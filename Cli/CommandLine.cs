using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace HarvestOrleans.Cli;

/// <summary>Parses and runs a command line; bad usage is one line on standard error and exit code 2.</summary>
internal static class CommandLine
{
    /// <summary>The exit code of a command line that does not parse (or names a value out of range): the caller's error.</summary>
    public const int USAGE_ERROR = 2;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            return UsageError(parse);
        }

        return await parse.InvokeAsync();
    }

    /// <summary>Prints every parse error on one line, with where to find the command's usage, and returns <see cref="USAGE_ERROR"/>.</summary>
    public static int UsageError(ParseResult parse)
    {
        var command = string.Join(' ', Path(parse.CommandResult).Reverse());
        Console.Error.WriteLine($"error: {OneLine(parse)} (see '{command} --help')");
        return USAGE_ERROR;
    }

    /// <summary>Every parse error, on one line (some of System.CommandLine's messages span lines, e.g. an enum's values).</summary>
    private static string OneLine(ParseResult parse) =>
        string.Join(" ", parse.Errors.Select(e => System.Text.RegularExpressions.Regex.Replace(e.Message.Trim(), @"\s*\n\s*", " ")).Distinct());

    private static IEnumerable<string> Path(CommandResult? command)
    {
        for (; command is not null; command = command.Parent as CommandResult)
        {
            yield return command.Command.Name;
        }
    }
}
