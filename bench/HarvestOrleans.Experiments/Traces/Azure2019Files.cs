namespace HarvestOrleans.Experiments.Traces;

/// <summary>The files of one day of an Azure Functions 2019 trace; the memory file is optional.</summary>
public sealed record Azure2019Files(string Invocations, string Durations, string? Memory = null)
{
    /// <summary>
    /// Day <paramref name="day"/>'s files in <paramref name="folder"/> by their dataset names, or with no day the first
    /// (ordinal order) <c>invocations*.csv</c>, <c>function_durations*.csv</c> and <c>app_memory*.csv</c>. A missing
    /// folder, invocations or durations file throws <see cref="FileNotFoundException"/> naming it; a missing memory file is null.
    /// </summary>
    public static Azure2019Files InFolder(string folder, int? day = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new FileNotFoundException($"No trace folder {Path.GetFullPath(folder)}.");
        }

        string? Find(string pattern, string? exact) => exact is not null
            ? File.Exists(Path.Combine(folder, exact)) ? Path.Combine(folder, exact) : null
            : Directory.GetFiles(folder, pattern).Order(StringComparer.Ordinal).FirstOrDefault();

        string Require(string pattern, string? exact) => Find(pattern, exact)
            ?? throw new FileNotFoundException($"No {exact ?? pattern} in {Path.GetFullPath(folder)}.");

        return new Azure2019Files(
            Require("invocations*.csv", day is { } d1 ? Azure2019Format.InvocationsFile(d1) : null),
            Require("function_durations*.csv", day is { } d2 ? Azure2019Format.DurationsFile(d2) : null),
            Find("app_memory*.csv", day is { } d3 ? Azure2019Format.MemoryFile(d3) : null));
    }
}
