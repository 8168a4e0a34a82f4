namespace HarvestOrleans.Policies;

/// <summary>
/// The actions of the learned policy, as Freyr's agent has them: every pair of a CPU level and a memory level, the
/// levels being the multiples of <see cref="ResourcePolicySettings.CpuStep"/> up to
/// <see cref="ResourcePolicySettings.MaxCores"/> (and of the memory step up to its cap), plus the function's configured
/// value on each axis (so the user's configuration is always an action, on the grid or not). Index
/// <c>cpu × memory levels + memory</c>, as the authors' <c>decode_action</c>.
/// </summary>
public sealed class ActionGrid
{
    /// <summary>The most levels one axis may have (a step this fine for its cap is a configuration mistake).</summary>
    public const int MAX_LEVELS = 256;

    private const double TOLERANCE = 1e-9;

    private readonly double[] _cores;
    private readonly double[] _memory;

    private ActionGrid(double[] cores, double[] memory)
    {
        _cores = cores;
        _memory = memory;
    }

    /// <summary>The CPU levels, ascending.</summary>
    public IReadOnlyList<double> CoreLevels => _cores;

    /// <summary>The memory levels, ascending.</summary>
    public IReadOnlyList<double> MemoryLevels => _memory;

    /// <summary>Actions in all.</summary>
    public int Count => _cores.Length * _memory.Length;

    /// <summary>The action at <paramref name="index"/>.</summary>
    public ResourceAllocation this[int index] => new(_cores[index / _memory.Length], _memory[index % _memory.Length]);

    /// <summary>The grid for a function configured with <paramref name="configured"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A step is not positive, or makes more than <see cref="MAX_LEVELS"/> levels.</exception>
    public static ActionGrid For(ResourceAllocation configured, ResourcePolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new ActionGrid(
            Levels(settings.CpuStep, Math.Max(settings.MaxCores, configured.Cores), configured.Cores, nameof(settings.CpuStep)),
            Levels(settings.MemoryStepMb, Math.Max(settings.MaxMemoryMb, configured.MemoryMb), configured.MemoryMb, nameof(settings.MemoryStepMb)));
    }

    private static double[] Levels(double step, double max, double configured, string name)
    {
        if (!(step > 0) || !double.IsFinite(max) || max / step > MAX_LEVELS)
        {
            throw new ArgumentOutOfRangeException(name, step, $"A grid step must be positive and make at most {MAX_LEVELS} levels up to {max}.");
        }

        var levels = new List<double>();
        for (var k = 1; k * step <= max + TOLERANCE; k++)
        {
            levels.Add(k * step);
        }

        if (configured > 0 && !levels.Any(level => Math.Abs(level - configured) <= TOLERANCE))
        {
            levels.Add(configured);
            levels.Sort();
        }

        return [.. levels];
    }
}
