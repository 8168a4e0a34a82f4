using System.CommandLine.Parsing;
using System.Globalization;

namespace HarvestOrleans.Cli;

/// <summary>Parsers for option and argument values that say, in one line, which value is wrong and why.</summary>
internal static class ValueParsers
{
    /// <summary>A number (invariant culture: a dot for decimals).</summary>
    public static double Number(ArgumentResult result) => Number(result, _ => null);

    /// <summary>A number that <paramref name="problem"/> accepts (it returns null, or why the number is out of range).</summary>
    public static double Number(ArgumentResult result, Func<double, string?> problem)
    {
        if (!double.TryParse(Token(result), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return Fail<double>(result, "is not a number");
        }

        if (problem(value) is { } message)
        {
            result.AddError($"{Name(result)}: {message}");
        }

        return value;
    }

    /// <summary>A TCP port, 1 to 65535.</summary>
    public static int Port(ArgumentResult result) =>
        int.TryParse(Token(result), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 65535 ? value : Fail<int>(result, "is not a port (1 to 65535)");

    /// <summary>An invocation id (a GUID).</summary>
    public static Guid Id(ArgumentResult result) =>
        Guid.TryParse(Token(result), out var value) ? value : Fail<Guid>(result, "is not an invocation id (a GUID)");

    /// <summary>The name of an option (<c>--notice</c>) or argument (<c>&lt;cores&gt;</c>) in messages.</summary>
    public static string Name(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : $"<{result.Argument.Name}>";

    private static string Token(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));

    private static T Fail<T>(ArgumentResult result, string problem)
    {
        result.AddError($"{Name(result)}: '{Token(result)}' {problem}.");
        return default!;
    }
}
