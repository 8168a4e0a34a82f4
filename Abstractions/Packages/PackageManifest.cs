using System.Text.Json;
using System.Text.Json.Serialization;
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

        if (Functions.Count == 0)
        {
            problems.Add($"{FileName} lists no functions.");
        }

        foreach (var function in Functions)
        {
            if (string.IsNullOrWhiteSpace(function.EntryType))
            {
                problems.Add($"Function '{function.Name}' has no entryType.");
            }

            if (string.IsNullOrWhiteSpace(function.Assembly) || function.Assembly.Contains('/') || function.Assembly.Contains('\\'))
            {
                problems.Add($"Function '{function.Name}' needs an assembly: the file name of a .dll at the package root.");
            }

            problems.AddRange(function.ToSpec("1").Validate());
        }

        foreach (var duplicate in Functions.GroupBy(f => f.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
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

    public FunctionSpec ToSpec(string version) => new()
    {
        Name = Name,
        Version = version,
        Cores = Cores,
        MemoryMb = MemoryMb,
        Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
        MaxConcurrency = MaxConcurrency,
        Idempotent = Idempotent,
        LongRunning = LongRunning,
    };
}
