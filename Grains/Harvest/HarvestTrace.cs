using System.Globalization;

namespace HarvestOrleans.Grains.Harvest;

/// <summary>One step of a harvest trace: from <see cref="AtSeconds"/> on, the VM has <see cref="Cores"/> cores.</summary>
public readonly record struct HarvestTraceStep(double AtSeconds, double Cores);

/// <summary>
/// A Harvest VM core trace in the authors' format: one <c>&lt;seconds&gt; &lt;cores&gt;</c> pair per line, seconds
/// non-decreasing. Blank lines and lines starting with '#' are skipped; anything else malformed is an error naming its line.
/// </summary>
public sealed class HarvestTrace
{
    private HarvestTrace(IReadOnlyList<HarvestTraceStep> steps) => Steps = steps;

    public IReadOnlyList<HarvestTraceStep> Steps { get; }

    public static HarvestTrace Load(string path)
    {
        using var reader = File.OpenText(path);
        return Parse(reader, path);
    }

    public static HarvestTrace Parse(TextReader reader, string source = "trace")
    {
        var steps = new List<HarvestTraceStep>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var at)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var cores)
                || at < 0 || cores < 0 || double.IsNaN(at) || double.IsNaN(cores))
            {
                throw new FormatException($"{source} line {lineNumber}: expected '<seconds> <cores>' with non-negative numbers, got '{line}'.");
            }

            if (steps.Count > 0 && at < steps[^1].AtSeconds)
            {
                throw new FormatException($"{source} line {lineNumber}: time {at} s goes back before {steps[^1].AtSeconds} s.");
            }

            steps.Add(new HarvestTraceStep(at, cores));
        }

        if (steps.Count == 0)
        {
            throw new FormatException($"{source}: no '<seconds> <cores>' lines.");
        }

        return new HarvestTrace(steps);
    }

    /// <summary>Cores at <paramref name="seconds"/> into the trace (the first step's cores before it starts).</summary>
    public double CoresAt(double seconds)
    {
        var cores = Steps[0].Cores;
        foreach (var step in Steps)
        {
            if (step.AtSeconds > seconds)
            {
                break;
            }

            cores = step.Cores;
        }

        return cores;
    }
}
