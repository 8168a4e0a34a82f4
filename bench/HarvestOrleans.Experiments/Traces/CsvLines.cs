using System.Globalization;

namespace HarvestOrleans.Experiments.Traces;

/// <summary>The trace files' plain CSV (no quoting): each line with its number, fields split on commas.</summary>
internal static class CsvLines
{
    public static IEnumerable<(int Line, string[] Fields)> Read(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length > 0)
            {
                yield return (number, line.Split(','));
            }
        }
    }

    public static double Number(string path, int line, string[] fields, int index, string name)
    {
        if (index >= fields.Length || !double.TryParse(fields[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new TraceFormatException(path, line, $"{name} is not a number: '{(index < fields.Length ? fields[index] : "")}'.");
        }

        return value;
    }

    /// <summary>A number that may be left empty (null then); a field past the line's end is malformed.</summary>
    public static double? OptionalNumber(string path, int line, string[] fields, int index, string name) =>
        index < fields.Length && fields[index].Trim().Length == 0 ? null : Number(path, line, fields, index, name);

    /// <summary>The column named <paramref name="name"/> (case-insensitive), or -1.</summary>
    public static int ColumnIndex(string[] header, string name) =>
        Array.FindIndex(header, h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));

    public static void RequireHeader(string path, string[] header, params string[] expected)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            if (i >= header.Length || !string.Equals(header[i].Trim(), expected[i], StringComparison.OrdinalIgnoreCase))
            {
                throw new TraceFormatException(path, 1, $"expected a header starting {string.Join(',', expected)}.");
            }
        }
    }
}
