using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using HarvestOrleans.Functions;

namespace HarvestOrleans.Packages;

/// <summary>
/// <c>harvest.json</c>, at the root of a function package: the package's name and, for each function, its entry type
/// and default spec.
/// </summary>
public sealed class PackageManifest
{
    public const string FileName = "harvest.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string Package { get; set; } = "";

    public List<PackageManifestFunction> Functions { get; set; } = [];

    /// <summary>Parses a manifest; a malformed one throws <see cref="InvalidDataException"/> naming the problem.</summary>
    public static PackageManifest Parse(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw new InvalidDataException($"{FileName} is not valid: it is not UTF-8 text.");
        }

        try
        {
            return JsonSerializer.Deserialize<PackageManifest>(utf8, Json) ?? throw new InvalidDataException($"{FileName} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{FileName} is not valid: {ex.Message}", ex);
        }
    }

    /// <summary>Every problem with this manifest, or none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!FunctionSpec.IsValidName(Package))
        {
            problems.Add($"Package name '{Package}' is invalid: use 1-64 characters, a letter first, then letters, digits, '.', '_' or '-'.");
        }

        // JSON null reads as null, whatever the property's declared type says.
        if (Functions is null || Functions.Count == 0)
        {
            problems.Add($"{FileName} lists no functions.");
            return problems;
        }

        if (Functions.Contains(null!))
        {
            problems.Add($"{FileName} lists a function that is null.");
            return problems;
        }

        foreach (var function in Functions)
        {
            problems.AddRange(function.Validate());
        }

        foreach (var duplicate in Functions.GroupBy(f => f.Name ?? "", StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Function '{duplicate.Key}' is listed more than once.");
        }

        return problems;
    }

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}

/// <summary>One function of a package: where its code is and its default spec.</summary>
public sealed class PackageManifestFunction
{
    public string Name { get; set; } = "";

    /// <summary>File name of the assembly holding <see cref="EntryType"/>, at the package root.</summary>
    public string Assembly { get; set; } = "";

    /// <summary>Full name of a public class implementing <see cref="IHarvestFunction"/> with a public parameterless constructor.</summary>
    public string EntryType { get; set; } = "";

    public double Cores { get; set; } = 1;

    public int MemoryMb { get; set; } = 256;

    public double TimeoutSeconds { get; set; } = 60;

    public int MaxConcurrency { get; set; } = 64;

    public bool Idempotent { get; set; }

    public bool LongRunning { get; set; }

    /// <summary>An entity (<see cref="FunctionSpec.Entity"/>): its entry type derives from <c>HarvestEntity&lt;TState, TInput, TOutput&gt;</c>.</summary>
    public bool Entity { get; set; }

    /// <summary>The spec at <paramref name="version"/>; for a function whose <see cref="Validate"/> found no problem.</summary>
    public FunctionSpec ToSpec(string version) => ToSpec(version, TimeSpan.FromSeconds(TimeoutSeconds));

    /// <summary>Every problem with this function's entry, or none.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(EntryType))
        {
            problems.Add($"Function '{Name}' has no entryType.");
        }
        else if (EntryType.Any(char.IsControl))
        {
            problems.Add($"Function '{Name}': entryType contains a control character.");
        }

        if (string.IsNullOrWhiteSpace(Assembly) || Assembly.Contains('/') || Assembly.Contains('\\') || Assembly is "." or "..")
        {
            problems.Add($"Function '{Name}' needs an assembly: the file name of a .dll at the package root.");
        }
        else if (Assembly.Any(char.IsControl))
        {
            problems.Add($"Function '{Name}': assembly contains a control character.");
        }

        // Checked in seconds, as written: a value past TimeSpan's range (1e300) cannot be made a spec to check.
        var timeoutInRange = TimeoutSeconds > 0 && TimeoutSeconds <= FunctionSpec.MaxTimeout.TotalSeconds; // false for NaN
        if (!timeoutInRange)
        {
            problems.Add($"Function '{Name}': timeoutSeconds must be in (0, {FunctionSpec.MaxTimeout.TotalSeconds:0}], was {TimeoutSeconds}.");
        }

        // The rest of the spec, with a timeout that converts when the one given does not (it was reported above).
        problems.AddRange(ToSpec("1", timeoutInRange ? TimeSpan.FromSeconds(TimeoutSeconds) : FunctionSpec.MaxTimeout).Validate());
        return problems;
    }

    private FunctionSpec ToSpec(string version, TimeSpan timeout) => new()
    {
        Name = Name,
        Version = version,
        Cores = Cores,
        MemoryMb = MemoryMb,
        Timeout = timeout,
        MaxConcurrency = MaxConcurrency,
        Idempotent = Idempotent,
        LongRunning = LongRunning,
        Entity = Entity,
    };
}
