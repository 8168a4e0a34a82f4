using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;

namespace HarvestOrleans.Bench;

/// <summary>Parses and runs the benchmark program's command line; bad usage is one line on standard error and exit code 2.</summary>
internal static class CommandLine
{
    /// <summary>The exit code of bad usage: a command line that does not parse, a value out of range, a trace that is not there.</summary>
    public const int USAGE_ERROR = 2;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            var command = string.Join(' ', Path(parse.CommandResult).Reverse());
            Console.Error.WriteLine($"error: {OneLine(parse)} (see '{command} --help')");
            return USAGE_ERROR;
        }

        return await parse.InvokeAsync();
    }

    /// <summary>Prints one line for the caller's error (<paramref name="command"/>: <paramref name="message"/>) and returns <see cref="USAGE_ERROR"/>.</summary>
    public static int UsageError(string command, string message)
    {
        Console.Error.WriteLine($"{command}: {message}");
        return USAGE_ERROR;
    }

    /// <summary>A <c>--quick</c> option: a short run, a smoke test.</summary>
    public static Option<bool> Quick(string description = "One short round: a smoke test, not a figure to quote.") =>
        new("--quick") { Description = description, DefaultValueFactory = _ => false };

    /// <summary>A whole number (invariant culture) of at least <paramref name="min"/>.</summary>
    public static int Integer(ArgumentResult result, int min) =>
        int.TryParse(Token(result), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : Fail<int>(result, $"is not a whole number of at least {min}");

    /// <summary>A number (invariant culture: a dot for decimals) above zero, or at least zero with <paramref name="zero"/>.</summary>
    public static double Positive(ArgumentResult result, bool zero = false) =>
        double.TryParse(Token(result), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && (zero ? value >= 0 : value > 0)
            ? value
            : Fail<double>(result, zero ? "is not a number of at least 0" : "is not a number above 0");

    /// <summary>One of <typeparamref name="TEnum"/>'s names, case-insensitive.</summary>
    public static TEnum OneOf<TEnum>(ArgumentResult result)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(Token(result), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : Fail<TEnum>(result, $"is not one of {Names<TEnum>(", ")}");

    /// <summary><typeparamref name="TEnum"/>'s names in lower case, joined by <paramref name="separator"/> (for help and messages).</summary>
    public static string Names<TEnum>(string separator)
        where TEnum : struct, Enum => string.Join(separator, Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()));

    /// <summary>A comma-separated list whose every item is one of <paramref name="allowed"/> (case-insensitive; returned as spelt there).</summary>
    public static IReadOnlyList<string> ListOf(ArgumentResult result, IReadOnlyList<string> allowed)
    {
        var items = Token(result).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = items.Where(i => !allowed.Contains(i, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (items.Length == 0 || unknown.Length > 0)
        {
            return Fail<IReadOnlyList<string>>(result, $"is not a comma-separated list of {string.Join(", ", allowed)}");
        }

        return items.Select(i => allowed.First(a => a.Equals(i, StringComparison.OrdinalIgnoreCase))).ToArray();
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive, as spelled there); <paramref name="fallback"/> after an error.</summary>
    public static string NameOf(ArgumentResult result, IReadOnlyList<string> allowed, string fallback)
    {
        var names = ListOf(result, allowed);
        if (names is { Count: > 1 })
        {
            return Fail<string>(result, $"takes one of {string.Join(", ", allowed)}, not a list") ?? fallback;
        }

        return names?.FirstOrDefault() ?? fallback;
    }

    /// <summary>A comma-separated list of whole numbers (invariant culture), each at least <paramref name="min"/>.</summary>
    public static IReadOnlyList<int> IntegersOf(ArgumentResult result, int min)
    {
        var items = Token(result).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new List<int>(items.Length);
        foreach (var item in items)
        {
            if (!int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
            {
                break;
            }

            values.Add(value);
        }

        return items.Length > 0 && values.Count == items.Length
            ? values
            : Fail<IReadOnlyList<int>>(result, $"is not a comma-separated list of whole numbers of at least {min}");
    }

    private static string Token(ArgumentResult result) => string.Join(' ', result.Tokens.Select(t => t.Value));

    private static T Fail<T>(ArgumentResult result, string problem)
    {
        var name = result.Parent is OptionResult option ? option.Option.Name : $"<{result.Argument.Name}>";
        result.AddError($"{name}: '{Token(result)}' {problem}.");
        return default!;
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
