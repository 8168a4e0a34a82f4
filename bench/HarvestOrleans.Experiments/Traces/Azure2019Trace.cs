namespace HarvestOrleans.Experiments.Traces;

/// <summary>
/// The Azure Functions trace 2019 (Shahrad et al., ATC'20): an invocations file
/// (<c>HashOwner,HashApp,HashFunction,Trigger,1,2,…</c>, counts per minute), a durations file
/// (<c>HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,percentile_Average_0,…</c>, milliseconds) and an
/// optional memory file (<c>HashOwner,HashApp,SampleCount,AverageAllocatedMb,AverageAllocatedMb_pct1,…</c>, MB, per app).
/// Columns past the required ones are found by name and optional: older or sample files without percentiles fall back
/// to the average.
/// </summary>
public static class Azure2019Trace
{
    /// <summary>
    /// The trace's functions. A malformed line throws <see cref="TraceFormatException"/> with its line number; a function
    /// with no durations row gets the trace's median duration and is counted in <paramref name="withoutDuration"/>.
    /// </summary>
    public static IReadOnlyList<Azure2019Function> Load(string invocationsPath, string durationsPath, out int withoutDuration)
    {
        var day = Load(new Azure2019Files(invocationsPath, durationsPath));
        withoutDuration = day.WithoutDuration;
        return day.Functions;
    }

    /// <summary>
    /// A day's files: every function with its durations row and its app's memory row where the files have them. A
    /// malformed line in any file throws <see cref="TraceFormatException"/> with its file and line number.
    /// </summary>
    public static Azure2019Day Load(Azure2019Files files)
    {
        var durations = ReadDurations(files.Durations);
        var memory = files.Memory is null ? new Dictionary<string, Azure2019AppMemory>() : ReadMemory(files.Memory);
        var (rows, minutes) = ReadInvocations(files.Invocations);

        var median = durations.Count == 0 ? 100 : durations.Values.Select(d => d.AverageMs).Order().ElementAt(durations.Count / 2);
        var functions = new List<Azure2019Function>(rows.Count);
        int withoutDuration = 0, withoutMemory = 0;
        foreach (var row in rows)
        {
            var duration = durations.GetValueOrDefault(row.Id);
            var appMemory = memory.GetValueOrDefault(row.AppId);
            withoutDuration += duration is null ? 1 : 0;
            withoutMemory += appMemory is null ? 1 : 0;
            functions.Add(row with { AverageMs = duration?.AverageMs ?? median, Duration = duration, Memory = appMemory });
        }

        return new Azure2019Day(functions, minutes, withoutDuration, withoutMemory);
    }

    private static (List<Azure2019Function> Rows, int Minutes) ReadInvocations(string path)
    {
        var rows = new List<Azure2019Function>();
        var minutes = 0;
        foreach (var (line, fields) in CsvLines.Read(path))
        {
            if (line == 1)
            {
                CsvLines.RequireHeader(path, fields, "HashOwner", "HashApp", "HashFunction", "Trigger");
                minutes = fields.Length - 4;
                if (minutes < 1)
                {
                    throw new TraceFormatException(path, line, "the header has no minute columns.");
                }

                continue;
            }

            if (fields.Length != minutes + 4)
            {
                throw new TraceFormatException(path, line, $"expected {minutes + 4} fields, found {fields.Length}.");
            }

            var perMinute = new int[minutes];
            for (var m = 0; m < minutes; m++)
            {
                if (!int.TryParse(fields[m + 4], out perMinute[m]) || perMinute[m] < 0)
                {
                    throw new TraceFormatException(path, line, $"minute {m + 1}: '{fields[m + 4]}' is not a count.");
                }
            }

            rows.Add(new Azure2019Function(fields[0], fields[1], fields[2], fields[3], perMinute, double.NaN));
        }

        return (rows, minutes);
    }

    private static Dictionary<string, Azure2019Duration> ReadDurations(string path)
    {
        var durations = new Dictionary<string, Azure2019Duration>(StringComparer.Ordinal);
        int count = -1, minimum = -1, maximum = -1;
        var percentiles = new List<(int Percentile, int Column)>();
        foreach (var (line, fields) in CsvLines.Read(path))
        {
            if (line == 1)
            {
                CsvLines.RequireHeader(path, fields, "HashOwner", "HashApp", "HashFunction", "Average");
                (count, minimum, maximum) = (CsvLines.ColumnIndex(fields, "Count"), CsvLines.ColumnIndex(fields, "Minimum"), CsvLines.ColumnIndex(fields, "Maximum"));
                percentiles = Columns(fields, Azure2019Format.DurationPercentiles, Azure2019Format.DurationPercentileColumn);
                continue;
            }

            if (fields.Length < 4)
            {
                throw new TraceFormatException(path, line, $"expected at least 4 fields, found {fields.Length}.");
            }

            var average = NonNegative(path, line, CsvLines.Number(path, line, fields, 3, "Average"), "Average");
            var row = new Azure2019Duration(
                average,
                count < 0 ? null : (long?)NonNegative(path, line, CsvLines.OptionalNumber(path, line, fields, count, "Count"), "Count"),
                minimum < 0 ? null : NonNegative(path, line, CsvLines.OptionalNumber(path, line, fields, minimum, "Minimum"), "Minimum"),
                maximum < 0 ? null : NonNegative(path, line, CsvLines.OptionalNumber(path, line, fields, maximum, "Maximum"), "Maximum"),
                Points(path, line, fields, percentiles, Azure2019Format.DurationPercentileColumn));
            durations[$"{fields[0]}/{fields[1]}/{fields[2]}"] = row;
        }

        return durations;
    }

    private static Dictionary<string, Azure2019AppMemory> ReadMemory(string path)
    {
        var memory = new Dictionary<string, Azure2019AppMemory>(StringComparer.Ordinal);
        var percentiles = new List<(int Percentile, int Column)>();
        foreach (var (line, fields) in CsvLines.Read(path))
        {
            if (line == 1)
            {
                CsvLines.RequireHeader(path, fields, "HashOwner", "HashApp", "SampleCount", "AverageAllocatedMb");
                percentiles = Columns(fields, Azure2019Format.MemoryPercentiles, Azure2019Format.MemoryPercentileColumn);
                continue;
            }

            if (fields.Length < 4)
            {
                throw new TraceFormatException(path, line, $"expected at least 4 fields, found {fields.Length}.");
            }

            var samples = NonNegative(path, line, CsvLines.Number(path, line, fields, 2, "SampleCount"), "SampleCount");
            var average = NonNegative(path, line, CsvLines.Number(path, line, fields, 3, "AverageAllocatedMb"), "AverageAllocatedMb");
            memory[$"{fields[0]}/{fields[1]}"] = new Azure2019AppMemory((long)samples, average, Points(path, line, fields, percentiles, Azure2019Format.MemoryPercentileColumn));
        }

        return memory;
    }

    /// <summary>The header's columns for the given percentiles, those it has.</summary>
    private static List<(int Percentile, int Column)> Columns(string[] header, IReadOnlyList<int> percentiles, Func<int, string> name) =>
        [.. percentiles.Select(p => (p, CsvLines.ColumnIndex(header, name(p)))).Where(c => c.Item2 >= 0)];

    private static (double Percentile, double Value)[] Points(string path, int line, string[] fields, List<(int Percentile, int Column)> columns, Func<int, string> name) =>
        [.. columns.Select(c => ((double)c.Percentile, NonNegative(path, line, CsvLines.Number(path, line, fields, c.Column, name(c.Percentile)), name(c.Percentile))))];

    private static double NonNegative(string path, int line, double value, string name) =>
        value >= 0 ? value : throw new TraceFormatException(path, line, $"{name} must not be negative, was {value}.");

    private static double? NonNegative(string path, int line, double? value, string name) =>
        value is { } v ? NonNegative(path, line, v, name) : null;
}
