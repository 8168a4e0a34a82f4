namespace HarvestOrleans.Tests.Processes;

/// <summary>Issue 12, item 3: a bad notice is the caller's error — a clear message, exit code 2, nothing sent.</summary>
[Trait("Category", "External")]
public class CliValidationTests
{
    [Theory]
    [InlineData("--notice", "-5")]
    [InlineData("--notice", "1e300")]
    [InlineData("--notice=86401", null)]
    [InlineData("--notice=NaN", null)]
    public async Task Evict_refuses_a_notice_out_of_range_before_connecting(string option, string? value)
    {
        // No silo listens on port 1: the refusal must come before any connection attempt.
        string[] notice = value is null ? [option] : [option, value];
        var result = await CliProcess.RunAsync(["evict", "vm1", .. notice, "--gateway-port", "1"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("error: --notice: The eviction notice must be between 0 and 86400 seconds", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.DoesNotContain("   at ", result.Error); // no stack trace
    }

    /// <summary>Issue 13, item 5: a value that does not parse is one clear line and exit code 2 (System.CommandLine's parse-error convention), not the help text and exit 1.</summary>
    [Theory]
    [InlineData("--notice: 'abc' is not a number", "evict", "vm1", "--notice", "abc")]
    [InlineData("<cores>: 'many' is not a number", "resize", "vm1", "many")]
    [InlineData("<id>: 'not-a-guid' is not an invocation id", "records", "not-a-guid")]
    [InlineData("--gateway-port: 'http' is not a port", "status", "--gateway-port", "http")]
    [InlineData("Required command was not provided. Unrecognized command or argument 'statsu'", "statsu")]
    public async Task A_value_that_does_not_parse_is_one_line_and_exit_code_2(string expected, params string[] arguments)
    {
        var result = await CliProcess.RunAsync(arguments);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"error: {expected}", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Contains("--help')", result.Error); // where to read the usage, instead of printing all of it
        Assert.Equal("", result.Output);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
