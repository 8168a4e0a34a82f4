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
