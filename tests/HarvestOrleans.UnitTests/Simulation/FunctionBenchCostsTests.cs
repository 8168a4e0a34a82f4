using System.Text;
using System.Text.Json.Nodes;
using HarvestOrleans.FunctionBench;
using HarvestOrleans.Simulation.Inputs;

namespace HarvestOrleans.UnitTests.Simulation;

[Trait("Category", "Unit")]
public sealed class FunctionBenchCostsTests
{
    [Fact]
    public void The_embedded_measurement_gives_every_suite_function_with_its_spec()
    {
        var specs = FunctionBenchCosts.LoadEmbedded();

        Assert.Equal(FunctionBenchSuite.All.Select(f => f.Spec.Name), specs.Select(s => s.Name));
        foreach (var (suite, spec) in FunctionBenchSuite.All.Select(f => f.Spec).Zip(specs))
        {
            Assert.Equal(suite.Cores, spec.DeclaredCores);
            Assert.Equal(suite.MemoryMb, spec.MemoryMb);
            Assert.Equal(suite.Timeout.TotalMilliseconds, spec.TimeoutMs);
            Assert.Equal(suite.Idempotent, spec.Idempotent);
            Assert.Equal(suite.LongRunning, spec.LongRunning);
            Assert.Equal(suite.MaxConcurrency, spec.MaxConcurrency);
        }
    }

    [Fact]
    public void The_embedded_measurement_has_positive_times_and_monotone_percentiles()
    {
        var file = FunctionBenchCosts.ReadEmbedded();
        var specs = file.ToSpecs();

        Assert.True(file.Machine.Processors >= 1 && file.WarmInvocations >= 1 && file.ColdStarts >= 1);
        Assert.True(file.MeasuredAt > new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), $"measured at {file.MeasuredAt}");
        foreach (var (measured, spec) in file.Functions.Zip(specs))
        {
            Assert.True(measured.ColdStartMs > 0, $"{measured.Name}: cold start {measured.ColdStartMs} ms");
            Assert.True(measured.UsedCores > 0, $"{measured.Name}: used cores {measured.UsedCores}");
            var values = measured.ExecutionMs.Values;
            Assert.All(values, v => Assert.True(v > 0, $"{measured.Name}: execution {v} ms"));
            Assert.True(values.Zip(values.Skip(1)).All(p => p.First <= p.Second), $"{measured.Name}: {string.Join(", ", values)}");

            // The simulator samples exactly the measured points, not a distribution re-shaped on the way in.
            Assert.Equal(values, ExecutionPercentiles.Percentiles.Select(p => spec.ExecutionMs.Quantile(p / 100)));
            Assert.Equal(measured.ColdStartMs, spec.ColdStartMs);
            Assert.Equal(measured.UsedCores, spec.UsedCores);
        }
    }

    [Fact]
    public void What_is_written_reads_back_the_same()
    {
        using var stream = new MemoryStream();
        FunctionBenchCosts.Write(stream, Sample());
        stream.Position = 0;

        var read = FunctionBenchCosts.Read(stream);

        Assert.Equal(Sample() with { Functions = read.Functions }, read);
        Assert.Equal(Sample().Functions, read.Functions);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "not json", "LineNumber: 0" },
        { "json null", "JSON null" },
        { "missing cold start", "coldStartMs" },
        { "missing percentile", "p75" },
        { "unknown field", "colsStartMs" },
        { "null name", "'name' on type" },
        { "decreasing percentiles", "functions[0] ('float_operation').executionMs.p50 (40) is below functions[0] ('float_operation').executionMs.p25 (45)" },
        { "zero execution", "executionMs.p0 is 0; it must be above 0" },
        { "negative cold start", "coldStartMs is -1; it must be above 0" },
        { "duplicate name", "('float_operation') is listed more than once" },
        { "no functions", "functions is empty" },
        { "other format", "format is 2; this library reads format 1" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_file_throws_naming_the_problem(string problem, string message)
    {
        var json = JsonNode.Parse(Serialize(Sample()))!.AsObject();
        var first = json["functions"]![0]!.AsObject();
        var text = problem switch
        {
            "not json" => "{\"format\": 1, \"functions\": [",
            "json null" => "null",
            _ => null,
        };
        switch (problem)
        {
            case "missing cold start": first.Remove("coldStartMs"); break;
            case "missing percentile": first["executionMs"]!.AsObject().Remove("p75"); break;
            case "unknown field": first["colsStartMs"] = 12; break;
            case "null name": first["name"] = null; break;
            case "decreasing percentiles": first["executionMs"]!["p50"] = 40; break;
            case "zero execution": first["executionMs"]!["p0"] = 0; break;
            case "negative cold start": first["coldStartMs"] = -1; break;
            case "duplicate name": json["functions"]![1]!["name"] = "float_operation"; break;
            case "no functions": json["functions"] = new JsonArray(); break;
            case "other format": (json["format"], first["newField"]) = (2, 1); break;
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text ?? json.ToJsonString()));
        var error = Assert.Throws<InvalidDataException>(() => FunctionBenchCosts.Load(stream));

        Assert.StartsWith("The FunctionBench costs file is malformed: ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_malformed_file_is_not_written()
    {
        var bad = Sample() with { Functions = [Sample().Functions[0] with { ColdStartMs = double.NaN }] };

        Assert.Throws<InvalidDataException>(() => FunctionBenchCosts.Write(new MemoryStream(), bad));
    }

    private static string Serialize(FunctionBenchCostsFile file)
    {
        using var stream = new MemoryStream();
        FunctionBenchCosts.Write(stream, file);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static FunctionBenchCostsFile Sample() => new()
    {
        Format = FunctionBenchCostsFile.CURRENT_FORMAT,
        MeasuredAt = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero),
        Machine = new MeasurementMachine(2, "Linux", ".NET 10"),
        Commit = "abc123",
        VmCores = 2,
        WarmInvocations = 30,
        ColdStarts = 5,
        Functions = [Function("float_operation", 10), Function("matmul", 100)],
    };

    private static MeasuredFunctionCosts Function(string name, double p0) => new()
    {
        Name = name,
        DeclaredCores = 1,
        MemoryMb = 256,
        UsedCores = 0.98,
        ColdStartMs = 12.5,
        ExecutionMs = new ExecutionPercentiles { P0 = p0, P1 = p0 + 1, P25 = p0 + 35, P50 = p0 + 40, P75 = p0 + 50, P99 = p0 + 90, P100 = p0 + 95 },
        TimeoutMs = 60_000,
        Idempotent = true,
        LongRunning = false,
        MaxConcurrency = 64,
    };
}
