namespace HarvestOrleans.Experiments.Traces;

/// <summary>
/// One function of an Azure Functions 2019 trace: invocations per minute and its average duration (the trace's median
/// when the durations file has no row for it), with the durations row and the app's memory row where the files have them.
/// </summary>
public sealed record Azure2019Function(string Owner, string App, string Function, string Trigger, int[] PerMinute, double AverageMs)
{
    /// <summary>The function's key: owner/app/function.</summary>
    public string Id => $"{Owner}/{App}/{Function}";

    /// <summary>The app's key: memory is measured per app, and an app's functions share it.</summary>
    public string AppId => $"{Owner}/{App}";

    /// <summary>The durations file's row for this function; null when it has none.</summary>
    public Azure2019Duration? Duration { get; init; }

    /// <summary>The memory file's row for this function's app; null without a memory file or a row for the app.</summary>
    public Azure2019AppMemory? Memory { get; init; }

    /// <summary>Invocations over the whole file.</summary>
    public long Invocations
    {
        get
        {
            long sum = 0;
            foreach (var count in PerMinute)
            {
                sum += count;
            }

            return sum;
        }
    }
}
