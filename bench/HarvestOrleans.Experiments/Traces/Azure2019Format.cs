using System.Globalization;

namespace HarvestOrleans.Experiments.Traces;

/// <summary>
/// File and column names of the Azure Functions trace 2019 (AzurePublicDataset, AzureFunctionsDataset2019.md), shared
/// by the parser and the writer so a generated day reads like a real one.
/// </summary>
public static class Azure2019Format
{
    /// <summary>Minutes in one day's invocations file.</summary>
    public const int MINUTES_PER_DAY = 1440;

    /// <summary>The percentiles the durations file gives of each function's execution time (30-second averages), in ms.</summary>
    public static readonly IReadOnlyList<int> DurationPercentiles = [0, 1, 25, 50, 75, 99, 100];

    /// <summary>The percentiles the memory file gives of each app's allocated memory (1-minute averages), in MB. The 0th was dropped (a logging fault).</summary>
    public static readonly IReadOnlyList<int> MemoryPercentiles = [1, 5, 25, 50, 75, 95, 99, 100];

    /// <summary>The trigger groups of the trace (and of the paper's Fig. 2).</summary>
    public static readonly IReadOnlyList<string> Triggers = ["http", "timer", "event", "queue", "storage", "orchestration", "others"];

    /// <summary>Day <paramref name="day"/>'s invocations file name.</summary>
    public static string InvocationsFile(int day) => string.Create(CultureInfo.InvariantCulture, $"invocations_per_function_md.anon.d{day:00}.csv");

    /// <summary>Day <paramref name="day"/>'s durations file name.</summary>
    public static string DurationsFile(int day) => string.Create(CultureInfo.InvariantCulture, $"function_durations_percentiles.anon.d{day:00}.csv");

    /// <summary>Day <paramref name="day"/>'s memory file name (the dataset has days 1-12).</summary>
    public static string MemoryFile(int day) => string.Create(CultureInfo.InvariantCulture, $"app_memory_percentiles.anon.d{day:00}.csv");

    /// <summary>The durations file's column of <paramref name="percentile"/>.</summary>
    public static string DurationPercentileColumn(int percentile) => string.Create(CultureInfo.InvariantCulture, $"percentile_Average_{percentile}");

    /// <summary>The memory file's column of <paramref name="percentile"/>.</summary>
    public static string MemoryPercentileColumn(int percentile) => string.Create(CultureInfo.InvariantCulture, $"AverageAllocatedMb_pct{percentile}");
}
