namespace HarvestOrleans.Tests.Processes;

/// <summary>Issue 12, item 3: a bad notice is the caller's error — a clear message, exit code 2, nothing sent.</summary>
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
}
