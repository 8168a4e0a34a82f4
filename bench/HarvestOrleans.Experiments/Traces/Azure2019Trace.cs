namespace HarvestOrleans.Experiments.Traces;

/// <summary>One function of an Azure Functions 2019 trace: invocations per minute and its average duration.</summary>
public sealed record Azure2019Function(string Owner, string App, string Function, string Trigger, int[] PerMinute, double AverageMs)
{
    public string Id => $"{Owner}/{App}/{Function}";
}

/// <summary>
/// The Azure Functions trace 2019 (Shahrad et al., ATC'20): an invocations file
/// (<c>HashOwner,HashApp,HashFunction,Trigger,1,2,…</c>, counts per minute) and a durations file
/// (<c>HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,…</c>, milliseconds).
/// </summary>
public static class Azure2019Trace
{
    /// <summary>
    /// The trace's functions. A malformed line throws <see cref="TraceFormatException"/> with its line number; a function
    /// with no durations row gets the trace's median duration and is counted in <paramref name="withoutDuration"/>.
    /// </summary>
    public static IReadOnlyList<Azure2019Function> Load(string invocationsPath, string durationsPath, out int withoutDuration)
    {
        var durations = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (line, fields) in CsvLines.Read(durationsPath))
        {
            if (line == 1)
            {
                CsvLines.RequireHeader(durationsPath, fields, "HashOwner", "HashApp", "HashFunction", "Average");
                continue;
            }

            if (fields.Length < 4)
            {
                throw new TraceFormatException(durationsPath, line, $"expected at least 4 fields, found {fields.Length}.");
            }

            var average = CsvLines.Number(durationsPath, line, fields, 3, "Average");
            if (average < 0)
            {
                throw new TraceFormatException(durationsPath, line, $"Average must not be negative, was {average}.");
            }

            durations[$"{fields[0]}/{fields[1]}/{fields[2]}"] = average;
        }

        var functions = new List<Azure2019Function>();
        var minutes = 0;
        foreach (var (line, fields) in CsvLines.Read(invocationsPath))
        {
            if (line == 1)
            {
                CsvLines.RequireHeader(invocationsPath, fields, "HashOwner", "HashApp", "HashFunction", "Trigger");
                minutes = fields.Length - 4;
                if (minutes < 1)
                {
                    throw new TraceFormatException(invocationsPath, line, "the header has no minute columns.");
                }

                continue;
            }

            if (fields.Length != minutes + 4)
            {
                throw new TraceFormatException(invocationsPath, line, $"expected {minutes + 4} fields, found {fields.Length}.");
            }

            var perMinute = new int[minutes];
            for (var m = 0; m < minutes; m++)
            {
                if (!int.TryParse(fields[m + 4], out perMinute[m]) || perMinute[m] < 0)
                {
                    throw new TraceFormatException(invocationsPath, line, $"minute {m + 1}: '{fields[m + 4]}' is not a count.");
                }
            }

            functions.Add(new Azure2019Function(fields[0], fields[1], fields[2], fields[3], perMinute, double.NaN));
        }

        var median = durations.Count == 0 ? 100 : durations.Values.Order().ElementAt(durations.Count / 2);
        withoutDuration = functions.Count(f => !durations.ContainsKey(f.Id));
        return functions.Select(f => f with { AverageMs = durations.GetValueOrDefault(f.Id, median) }).ToList();
    }
}
