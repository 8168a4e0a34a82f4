using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HarvestOrleans.Simulation.Inputs;

/// <summary>
/// Reads and writes <see cref="FunctionBenchCostsFile"/>: the FunctionBench suite's execution and cold-start costs as
/// measured on the live runtime. The checked-in measurement is embedded in this assembly (<see cref="LoadEmbedded"/>).
/// A file that does not parse, misses a field or holds an impossible figure throws <see cref="InvalidDataException"/>
/// naming the field.
/// </summary>
public static class FunctionBenchCosts
{
    /// <summary>The checked-in measurement's file name under <c>Data/</c>.</summary>
    public const string FILE_NAME = "functionbench.json";

    /// <summary>Its manifest resource name (the project embeds <c>Data/*.json</c> under this prefix).</summary>
    public const string EMBEDDED_RESOURCE = "HarvestOrleans.Simulation.Data." + FILE_NAME;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Strict: a misspelt or missing field is an error, not a silent default.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        WriteIndented = true,
    };

    /// <summary>The functions of a costs file, as the simulator runs them.</summary>
    public static IReadOnlyList<SimFunctionSpec> Load(Stream utf8Json) => Read(utf8Json).ToSpecs();

    /// <summary>The functions of the checked-in measurement, as the simulator runs them.</summary>
    public static IReadOnlyList<SimFunctionSpec> LoadEmbedded() => ReadEmbedded().ToSpecs();

    /// <summary>The checked-in measurement.</summary>
    public static FunctionBenchCostsFile ReadEmbedded()
    {
        using var stream = typeof(FunctionBenchCosts).Assembly.GetManifestResourceStream(EMBEDDED_RESOURCE)
            ?? throw new InvalidOperationException($"{EMBEDDED_RESOURCE} is not embedded in {typeof(FunctionBenchCosts).Assembly.GetName().Name}: run the bench command measure-functions and rebuild.");
        return Read(stream);
    }

    /// <summary>Parses and checks a costs file.</summary>
    public static FunctionBenchCostsFile Read(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        FunctionBenchCostsFile? file;
        try
        {
            using var document = JsonDocument.Parse(utf8Json);
            // The format first: a file of another format fails on that, not on whichever of its fields differs.
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("format", out var format)
                && format.ValueKind == JsonValueKind.Number
                && format.TryGetInt32(out var version)
                && version != FunctionBenchCostsFile.CURRENT_FORMAT)
            {
                throw Malformed($"format is {version}; this library reads format {FunctionBenchCostsFile.CURRENT_FORMAT}.");
            }

            file = document.Deserialize<FunctionBenchCostsFile>(Json);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex.Message, ex);
        }

        if (file is null)
        {
            throw Malformed("it is JSON null.");
        }

        Check(file);
        return file;
    }

    /// <summary>Writes <paramref name="file"/> as indented JSON; it is checked first, so what is written can be read.</summary>
    public static void Write(Stream utf8Json, FunctionBenchCostsFile file)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        ArgumentNullException.ThrowIfNull(file);
        Check(file);
        JsonSerializer.Serialize(utf8Json, file, Json);
        utf8Json.WriteByte((byte)'\n');
    }

    private static void Check(FunctionBenchCostsFile file)
    {
        if (file.Format != FunctionBenchCostsFile.CURRENT_FORMAT)
        {
            throw Malformed($"format is {file.Format}; this library reads format {FunctionBenchCostsFile.CURRENT_FORMAT}.");
        }

        Require(file.Machine.Processors >= 1, "machine.processors", file.Machine.Processors, "at least 1");
        Require(file.VmCores > 0, "vmCores", file.VmCores, "above 0");
        Require(file.WarmInvocations >= 1, "warmInvocations", file.WarmInvocations, "at least 1");
        Require(file.ColdStarts >= 1, "coldStarts", file.ColdStarts, "at least 1");
        if (file.Functions.Count == 0)
        {
            throw Malformed("functions is empty.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < file.Functions.Count; i++)
        {
            var function = file.Functions[i] ?? throw Malformed($"functions[{i}] is null.");
            var at = $"functions[{i}]";
            if (string.IsNullOrWhiteSpace(function.Name))
            {
                throw Malformed($"{at}.name is empty.");
            }

            at = $"{at} ('{function.Name}')";
            if (!names.Add(function.Name))
            {
                throw Malformed($"{at} is listed more than once.");
            }

            Require(function.DeclaredCores > 0, $"{at}.declaredCores", function.DeclaredCores, "above 0");
            Require(function.MemoryMb > 0, $"{at}.memoryMb", function.MemoryMb, "above 0");
            Require(function.UsedCores >= 0 && double.IsFinite(function.UsedCores), $"{at}.usedCores", function.UsedCores, "at least 0");
            Require(function.ColdStartMs > 0 && double.IsFinite(function.ColdStartMs), $"{at}.coldStartMs", function.ColdStartMs, "above 0");
            Require(function.TimeoutMs > 0 && double.IsFinite(function.TimeoutMs), $"{at}.timeoutMs", function.TimeoutMs, "above 0");
            Require(function.MaxConcurrency >= 1, $"{at}.maxConcurrency", function.MaxConcurrency, "at least 1");
            CheckPercentiles(function.ExecutionMs, $"{at}.executionMs");
        }
    }

    private static void CheckPercentiles(ExecutionPercentiles execution, string at)
    {
        var values = execution.Values;
        var fields = ExecutionPercentiles.Percentiles.Select(p => $"{at}.p{F(p)}").ToArray();
        for (var i = 0; i < values.Count; i++)
        {
            Require(values[i] > 0 && double.IsFinite(values[i]), fields[i], values[i], "above 0");
            if (i > 0 && values[i] < values[i - 1])
            {
                throw Malformed($"{fields[i]} ({F(values[i])}) is below {fields[i - 1]} ({F(values[i - 1])}): percentiles must not decrease.");
            }
        }
    }

    private static void Require(bool holds, string field, double value, string expected)
    {
        if (!holds)
        {
            throw Malformed($"{field} is {F(value)}; it must be {expected}.");
        }
    }

    private static string F(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static InvalidDataException Malformed(string problem, Exception? inner = null) =>
        new($"The FunctionBench costs file is malformed: {problem}", inner);
}
