namespace HarvestOrleans.Experiments.Traces;

/// <summary>One invocation of an Azure Functions 2021 trace: when it ended and how long it ran, in seconds.</summary>
public sealed record Azure2021Invocation(string App, string Function, double EndSeconds, double DurationSeconds)
{
    public string Id => $"{App}/{Function}";

    public double StartSeconds => Math.Max(0, EndSeconds - DurationSeconds);
}

/// <summary>The Azure Functions invocation trace 2021 (<c>app,func,end_timestamp,duration</c>).</summary>
public static class Azure2021Trace
{
    /// <summary>Every invocation in file order; a malformed line throws <see cref="TraceFormatException"/> with its line number.</summary>
    public static IReadOnlyList<Azure2021Invocation> Load(string path)
    {
        var invocations = new List<Azure2021Invocation>();
        foreach (var (line, fields) in CsvLines.Read(path))
        {
            if (line == 1)
            {
                CsvLines.RequireHeader(path, fields, "app", "func", "end_timestamp", "duration");
                continue;
            }

            if (fields.Length != 4)
            {
                throw new TraceFormatException(path, line, $"expected 4 fields, found {fields.Length}.");
            }

            var end = CsvLines.Number(path, line, fields, 2, "end_timestamp");
            var duration = CsvLines.Number(path, line, fields, 3, "duration");
            if (duration < 0 || end < 0)
            {
                throw new TraceFormatException(path, line, "end_timestamp and duration must not be negative.");
            }

            invocations.Add(new Azure2021Invocation(fields[0], fields[1], end, duration));
        }

        return invocations;
    }
}
