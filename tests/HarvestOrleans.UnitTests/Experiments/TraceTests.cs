using HarvestOrleans.Experiments.Traces;
using HarvestOrleans.Experiments.Workloads;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.UnitTests.Experiments;

[Trait("Category", "Unit")]
public sealed class TraceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harvest-traces-").FullName;

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void The_bundled_2019_sample_parses_and_replays_every_counted_invocation()
    {
        var folder = Path.Combine(RepoPaths.Root, "samples", "traces", "azure2019");
        var functions = Azure2019Trace.Load(
            Path.Combine(folder, "invocations_per_function_md.anon.d01.csv"),
            Path.Combine(folder, "function_durations_percentiles.anon.d01.csv"),
            out var withoutDuration);

        Assert.Equal(16, functions.Count);
        Assert.Equal(0, withoutDuration);
        var plan = TracePlans.From2019(functions, startMinute: 2, minutes: 3, compression: 60);
        Assert.Equal(functions.Sum(f => f.PerMinute[2] + f.PerMinute[3] + f.PerMinute[4]), plan.Count);
        Assert.All(plan, p => Assert.InRange(p.AtSeconds, 0, 3.0));
        Assert.True(plan.Zip(plan.Skip(1)).All(p => p.First.AtSeconds <= p.Second.AtSeconds));
    }

    [Fact]
    public void The_bundled_2021_sample_parses_and_a_window_replays_in_compressed_time()
    {
        var invocations = Azure2021Trace.Load(Path.Combine(RepoPaths.Root, "samples", "traces", "azure2021", "invocations.csv"));

        Assert.True(invocations.Count > 100);
        var plan = TracePlans.From2021(invocations, startSeconds: 60, seconds: 120, compression: 10);
        Assert.Equal(invocations.Count(i => i.StartSeconds >= 60 && i.StartSeconds < 180), plan.Count);
        Assert.All(plan, p => Assert.InRange(p.AtSeconds, 0, 12.0));
    }

    [Fact]
    public void A_2019_function_without_durations_gets_the_median_and_is_counted()
    {
        var invocations = Write("inv.csv", "HashOwner,HashApp,HashFunction,Trigger,1,2", "o,a,f1,http,1,2", "o,a,f2,timer,0,3");
        var durations = Write("dur.csv", "HashOwner,HashApp,HashFunction,Average,Count", "o,a,f1,250,3,1,1");

        var functions = Azure2019Trace.Load(invocations, durations, out var withoutDuration);

        Assert.Equal(1, withoutDuration);
        Assert.Equal([250.0, 250.0], functions.Select(f => f.AverageMs));
    }

    public static TheoryData<string, string[], int, string> Malformed2019 => new()
    {
        { "wrong field count", ["HashOwner,HashApp,HashFunction,Trigger,1,2", "o,a,f1,http,1,2", "o,a,f2,http,1"], 3, "expected 6 fields" },
        { "not a count", ["HashOwner,HashApp,HashFunction,Trigger,1,2", "o,a,f1,http,1,x"], 2, "minute 2" },
        { "negative count", ["HashOwner,HashApp,HashFunction,Trigger,1", "o,a,f1,http,-1"], 2, "is not a count" },
        { "bad header", ["Owner,App,Function,Trigger,1", "o,a,f1,http,1"], 1, "header" },
    };

    [Theory]
    [MemberData(nameof(Malformed2019))]
    public void A_malformed_2019_line_is_reported_with_its_line_number(string problem, string[] lines, int line, string message)
    {
        var invocations = Write("inv.csv", lines);
        var durations = Write("dur.csv", "HashOwner,HashApp,HashFunction,Average", "o,a,f1,10");

        var error = Assert.Throws<TraceFormatException>(() => Azure2019Trace.Load(invocations, durations, out _));

        Assert.True(line == error.Line, $"{problem}: reported line {error.Line}, expected {line}");
        Assert.Contains(message, error.Message);
        Assert.StartsWith($"inv.csv:{line}:", error.Message);
    }

    [Theory]
    [InlineData("a,f,12.5", 2, "expected 4 fields")]
    [InlineData("a,f,abc,0.5", 2, "end_timestamp is not a number")]
    [InlineData("a,f,1,-0.5", 2, "must not be negative")]
    public void A_malformed_2021_line_is_reported_with_its_line_number(string row, int line, string message)
    {
        var path = Write("trace.csv", "app,func,end_timestamp,duration", row);

        var error = Assert.Throws<TraceFormatException>(() => Azure2021Trace.Load(path));

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_malformed_durations_line_is_reported_too()
    {
        var invocations = Write("inv.csv", "HashOwner,HashApp,HashFunction,Trigger,1", "o,a,f1,http,1");
        var durations = Write("dur.csv", "HashOwner,HashApp,HashFunction,Average", "o,a,f1,10", "o,a,f2,fast");

        var error = Assert.Throws<TraceFormatException>(() => Azure2019Trace.Load(invocations, durations, out _));

        Assert.Equal(3, error.Line);
        Assert.Contains("dur.csv:3", error.Message);
    }

    [Fact]
    public void Sample_traces_are_deterministic()
    {
        SampleTraces.Write2019(Path.Combine(_dir, "a"));
        SampleTraces.Write2019(Path.Combine(_dir, "b"));

        Assert.Equal(
            File.ReadAllText(Path.Combine(_dir, "a", "invocations_per_function_md.anon.d01.csv")),
            File.ReadAllText(Path.Combine(_dir, "b", "invocations_per_function_md.anon.d01.csv")));
        Assert.Equal(
            File.ReadAllText(Path.Combine(_dir, "a", "invocations_per_function_md.anon.d01.csv")),
            File.ReadAllText(Path.Combine(RepoPaths.Root, "samples", "traces", "azure2019", "invocations_per_function_md.anon.d01.csv")));
    }

    [Fact]
    public void Trace_functions_map_stably_onto_the_mix_and_get_names_of_their_own()
    {
        var mix = new FunctionMix(new Dictionary<string, double> { ["a"] = 1, ["b"] = 3 });
        var ids = Enumerable.Range(0, 400).Select(i => $"owner/app/f{i}").ToList();
        var map = new TraceFunctionMap(ids, TraceMapping.Suite, mix);
        var again = new TraceFunctionMap(ids, TraceMapping.Suite, mix);

        Assert.Equal(400, map.Functions.Select(f => f.Name).Distinct().Count());
        Assert.All(ids, id => Assert.Equal(map.NameOf(id), again.NameOf(id)));
        Assert.InRange(map.Functions.Count(f => f.Code == "b") / 400.0, 0.65, 0.85); // weight 3 of 4
        var synthetic = new TraceFunctionMap(ids, TraceMapping.Synthetic, mix);
        Assert.All(synthetic.Functions, f => Assert.Equal("synthetic", f.Code));
        Assert.Equal("{\"ms\":2000}", System.Text.Json.JsonSerializer.Serialize(synthetic.InputFor(new PlannedInvocation(0, ids[0], 90_000), 2000)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
