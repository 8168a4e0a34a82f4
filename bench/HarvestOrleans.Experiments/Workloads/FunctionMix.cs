namespace HarvestOrleans.Experiments.Workloads;

/// <summary>Weighted choice among function names.</summary>
public sealed class FunctionMix
{
    private readonly (string Function, double Cumulative)[] _entries;
    private readonly double _total;

    public FunctionMix(IReadOnlyDictionary<string, double> weights)
    {
        Weights = weights;
        if (weights.Count == 0 || weights.Values.Any(w => !(w >= 0)) || weights.Values.Sum() <= 0)
        {
            throw new ArgumentException("A mix needs at least one function and positive weights.", nameof(weights));
        }

        double sum = 0;
        _entries = [.. weights.OrderBy(p => p.Key, StringComparer.Ordinal).Where(p => p.Value > 0).Select(p => (p.Key, sum += p.Value))];
        _total = sum;
    }

    public IReadOnlyDictionary<string, double> Weights { get; }

    public IEnumerable<string> Functions => _entries.Select(e => e.Function);

    /// <summary>The function a uniform draw in [0, 1) selects.</summary>
    public string Pick(double uniform)
    {
        var target = uniform * _total;
        foreach (var (function, cumulative) in _entries)
        {
            if (target < cumulative)
            {
                return function;
            }
        }

        return _entries[^1].Function;
    }

    /// <summary>Parses "name=weight,name=weight".</summary>
    public static FunctionMix Parse(string text) => new(text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(part => part.Split('=', 2))
        .ToDictionary(p => p[0], p => p.Length == 2 && double.TryParse(p[1], System.Globalization.CultureInfo.InvariantCulture, out var w) ? w : throw new FormatException($"'{string.Join('=', p)}' is not name=weight.")));
}
