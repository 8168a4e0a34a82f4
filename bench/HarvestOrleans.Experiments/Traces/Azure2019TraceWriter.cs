using System.Globalization;
using System.Text;
using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.Experiments.Traces;

/// <summary>
/// Writes functions in the 2019 dataset's three files, with its file names and columns, so what reads a generated day
/// reads a real one. Bytes are a function of the input: invariant culture, "\n" line ends, UTF-8 without a BOM.
/// </summary>
public static class Azure2019TraceWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes day <paramref name="day"/> into <paramref name="folder"/>: every function's counts, a durations row for each
    /// function with a <see cref="Azure2019Function.Duration"/>, and a memory file (one row per app, its first function's
    /// <see cref="Azure2019Function.Memory"/>) when any function has one.
    /// </summary>
    public static Azure2019Files Write(string folder, IReadOnlyList<Azure2019Function> functions, int day = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(day);
        Directory.CreateDirectory(folder);
        var minutes = functions.Count == 0 ? Azure2019Format.MINUTES_PER_DAY : functions.Max(f => f.PerMinute.Length);
        var files = new Azure2019Files(
            Path.Combine(folder, Azure2019Format.InvocationsFile(day)),
            Path.Combine(folder, Azure2019Format.DurationsFile(day)),
            functions.Any(f => f.Memory is not null) ? Path.Combine(folder, Azure2019Format.MemoryFile(day)) : null);

        using (var writer = Open(files.Invocations))
        {
            writer.Write("HashOwner,HashApp,HashFunction,Trigger");
            for (var m = 1; m <= minutes; m++)
            {
                writer.Write(',');
                writer.Write(Invariant(m));
            }

            writer.Write('\n');
            var line = new StringBuilder();
            foreach (var function in functions)
            {
                line.Clear().Append(function.Owner).Append(',').Append(function.App).Append(',').Append(function.Function).Append(',').Append(function.Trigger);
                for (var m = 0; m < minutes; m++)
                {
                    line.Append(',').Append(Invariant(m < function.PerMinute.Length ? function.PerMinute[m] : 0));
                }

                writer.Write(line.Append('\n'));
            }
        }

        using (var writer = Open(files.Durations))
        {
            writer.Write("HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum," + string.Join(',', Azure2019Format.DurationPercentiles.Select(Azure2019Format.DurationPercentileColumn)) + "\n");
            foreach (var function in functions.Where(f => f.Duration is not null))
            {
                var d = function.Duration!;
                writer.Write($"{function.Owner},{function.App},{function.Function},{Number(d.AverageMs)},{Optional(d.Count)},{Optional(d.MinimumMs)},{Optional(d.MaximumMs)},{Values(d.Percentiles, Azure2019Format.DurationPercentiles, d.AverageMs)}\n");
            }
        }

        if (files.Memory is not null)
        {
            using var writer = Open(files.Memory);
            writer.Write("HashOwner,HashApp,SampleCount,AverageAllocatedMb," + string.Join(',', Azure2019Format.MemoryPercentiles.Select(Azure2019Format.MemoryPercentileColumn)) + "\n");
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (var function in functions.Where(f => f.Memory is not null && written.Add(f.AppId)))
            {
                var memory = function.Memory!;
                writer.Write($"{function.Owner},{function.App},{Invariant(memory.SampleCount)},{Number(memory.AverageMb)},{Values(memory.Percentiles, Azure2019Format.MemoryPercentiles, memory.AverageMb)}\n");
            }
        }

        return files;
    }

    private static StreamWriter Open(string path) => new(path, append: false, Utf8) { NewLine = "\n" };

    /// <summary>
    /// The values at <paramref name="percentiles"/>: a percentile the row lacks is read off its distribution, and a row
    /// without any (read from an older file) gives its average everywhere, as the parser's fallback does.
    /// </summary>
    private static string Values(IReadOnlyList<(double Percentile, double Value)> points, IReadOnlyList<int> percentiles, double average)
    {
        var lookup = points.ToDictionary(p => p.Percentile, p => p.Value);
        var distribution = points.Count > 0 ? new PercentileDistribution(points) : PercentileDistribution.Constant(average);
        return string.Join(',', percentiles.Select(p => Number(lookup.TryGetValue(p, out var v) ? v : distribution.Quantile(p / 100.0))));
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Optional(double? value) => value is { } v ? Number(v) : "";

    private static string Optional(long? value) => value is { } v ? Invariant(v) : "";

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
