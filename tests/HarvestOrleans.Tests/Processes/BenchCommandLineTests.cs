namespace HarvestOrleans.Tests.Processes;

/// <summary>
/// Issue 13, item 11: the benchmark program (bench/HarvestOrleans.Bench, built with the tests) parses its options with
/// System.CommandLine: '--help' on every command, bad usage in one line with exit code 2, and a trace folder without
/// the files a benchmark needs named (folder and pattern) before anything starts.
/// </summary>
[Trait("Category", "External")]
public class BenchCommandLineTests
{
    private static Task<CliProcess.Result> RunAsync(params string[] arguments) =>
        CliProcess.RunDllAsync(CliProcess.BuiltDll(Path.Combine("bench", "HarvestOrleans.Bench"), "HarvestOrleans.Bench.dll"), new Dictionary<string, string>(), arguments);

    [Theory]
    [InlineData("overhead", "--quick")]
    [InlineData("evictions", "--traces")]
    [InlineData("coldstart", "--runs")]
    [InlineData("http", "--quick")]
    [InlineData("compare", "--harvest-traces")]
    [InlineData("generate-traces", "--help")]
    [InlineData("soak", "--help")]
    public async Task Every_benchmark_has_help_listing_its_options(string benchmark, string option)
    {
        var result = await RunAsync(benchmark, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"HarvestOrleans.Bench {benchmark} [options]", result.Output);
        Assert.Contains(option, result.Output);
    }

    [Fact]
    public async Task Help_shows_the_defaults()
    {
        var coldstart = await RunAsync("coldstart", "--help");
        Assert.Contains("[default: 30]", coldstart.Output);
        var compare = await RunAsync("compare", "--help");
        Assert.Contains("[default: 4]", compare.Output); // --minutes
        Assert.Contains("[default: 0.5]", compare.Output); // --core-scale
    }

    [Theory]
    [InlineData("--runs: 'abc' is not a whole number", "coldstart", "--runs", "abc")]
    [InlineData("--policies: 'RoundRobin' is not a comma-separated list", "compare", "--policies", "RoundRobin")]
    [InlineData("Unrecognized command or argument '--fast'", "overhead", "--fast")]
    [InlineData("--workload: 'foo' is not one of closed, azure2019, azure2021", "compare", "--workload", "foo")]
    [InlineData("Unrecognized command or argument 'overheat'", "overheat")]
    public async Task Bad_usage_is_one_line_and_exit_code_2(string expected, params string[] arguments)
    {
        var result = await RunAsync(arguments);

        AssertOneLineUsageError(result, expected);
    }

    [Fact]
    public async Task Evictions_names_the_folder_and_files_it_looked_for_when_the_traces_are_not_there()
    {
        var empty = Directory.CreateTempSubdirectory("harvest-bench-no-traces-");
        try
        {
            var result = await RunAsync("evictions", "--traces", empty.FullName);

            AssertOneLineUsageError(result, $"evictions: no harvest traces in {empty.FullName}: looked for 1.txt to 4.txt");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Compare_names_the_folder_and_pattern_it_looked_for_when_a_trace_is_not_there()
    {
        var empty = Directory.CreateTempSubdirectory("harvest-bench-no-traces-");
        try
        {
            var azure = await RunAsync("compare", "--trace", empty.FullName);
            AssertOneLineUsageError(azure, $"compare: No invocations*.csv in {empty.FullName}.");

            var missing = Path.Combine(empty.FullName, "missing");
            var folder = await RunAsync("compare", "--trace", missing);
            AssertOneLineUsageError(folder, $"compare: No invocations*.csv in {missing} (no such folder).");

            var harvest = await RunAsync("compare", "--harvest-traces", empty.FullName);
            AssertOneLineUsageError(harvest, $"compare: No 'dedicated' harvest traces in {empty.FullName}");
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    private static void AssertOneLineUsageError(CliProcess.Result result, string expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.DoesNotContain("Exception", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
