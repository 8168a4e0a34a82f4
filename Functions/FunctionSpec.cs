using System.Text.RegularExpressions;

namespace HarvestOrleans.Functions;

/// <summary>What a function declares about itself; the platform plans and admits invocations by it.</summary>
/// <remarks>
/// Immutable. It crosses grain calls through <c>FunctionSpecSurrogate</c> in HarvestOrleans.Abstractions (this
/// assembly has no Orleans dependency), with the wire alias <c>HarvestOrleans.FunctionSpec</c> and field ids 0-7 in
/// the order of the properties below.
/// </remarks>
public sealed partial record FunctionSpec
{
    /// <summary>The longest <see cref="Timeout"/> a function may declare.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The function's name (see <see cref="IsValidName"/>).</summary>
    public required string Name { get; init; }

    /// <summary>The function's version: 1-64 characters.</summary>
    public string Version { get; init; } = "1";

    /// <summary>Cores one invocation holds while it runs (may be fractional, e.g. 0.5).</summary>
    public double Cores { get; init; } = 1;

    /// <summary>Memory one invocation needs, in MB.</summary>
    public int MemoryMb { get; init; } = 256;

    /// <summary>How long one invocation may run, at most <see cref="MaxTimeout"/>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Invocations of this function that may run at once on one VM.</summary>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary>Safe to run again after an eviction cut it off: the platform may retry it on another VM.</summary>
    public bool Idempotent { get; init; }

    /// <summary>Declares the function long-running (over 30 s): eviction policies may keep it off Harvest VMs.</summary>
    public bool LongRunning { get; init; }

    /// <summary>
    /// An entity (<see cref="HarvestEntity{TState, TInput, TOutput}"/>): every invocation names an entity id, runs one at
    /// a time per id against that id's durable state. Its invocations need an id; a plain function's must not have one.
    /// </summary>
    public bool Entity { get; init; }

    /// <summary>Names are 1–64 characters: a letter, then letters, digits, '.', '_' or '-'.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Every problem with this spec, or none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!IsValidName(Name))
        {
            errors.Add($"Function name '{Name}' is invalid: use 1-64 characters, a letter first, then letters, digits, '.', '_' or '-'.");
        }

        if (string.IsNullOrWhiteSpace(Version) || Version.Length > 64)
        {
            errors.Add($"Function '{Name}': version must be 1-64 characters.");
        }

        if (!(Cores > 0) || Cores > 256)
        {
            errors.Add($"Function '{Name}': cores per invocation must be in (0, 256], was {Cores}.");
        }

        if (MemoryMb <= 0)
        {
            errors.Add($"Function '{Name}': memory must be positive, was {MemoryMb} MB.");
        }

        if (Timeout <= TimeSpan.Zero || Timeout > MaxTimeout)
        {
            errors.Add($"Function '{Name}': timeout must be in (0, {MaxTimeout}], was {Timeout}.");
        }

        if (MaxConcurrency < 1)
        {
            errors.Add($"Function '{Name}': max concurrency must be at least 1, was {MaxConcurrency}.");
        }

        return errors;
    }

    // \z, not $: "$" also matches before a trailing newline, which would let "echo\n" through.
    [GeneratedRegex(@"\A[A-Za-z][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex NamePattern();
}
