using HarvestOrleans.Client;
using HarvestOrleans.Tests.Infrastructure;
using HarvestOrleans.Tests.Processes;

namespace HarvestOrleans.Tests.Security;

/// <summary>Connection strings are shown without their secrets: the CLI's "cannot connect" message above all.</summary>
[Trait("Category", "External")]
public sealed class ConnectionStringRedactionTests
{
    [Theory]
    [InlineData("127.0.0.1:6379", "127.0.0.1:6379")]
    [InlineData("127.0.0.1:6379,password=s3cret", "127.0.0.1:6379,password=*****")]
    [InlineData("redis.example:6380,ssl=true,Password = s3cret,abortConnect=false", "redis.example:6380,ssl=true,Password = *****,abortConnect=false")]
    [InlineData("password=s3cret,127.0.0.1:6379", "password=*****,127.0.0.1:6379")]
    [InlineData("127.0.0.1:6379,user=ops,password=p@ss,word", "127.0.0.1:6379,user=ops,password=*****,word")]
    [InlineData("127.0.0.1:6379,pwd=s3cret", "127.0.0.1:6379,pwd=*****")]
    [InlineData("host:1,sentinelPassword=s3cret", "host:1,sentinelPassword=*****")]
    [InlineData("redis://ops:s3cret@redis.example:6379/0", "redis://ops:*****@redis.example:6379/0")]
    [InlineData("rediss://:s3cret@redis.example:6380", "rediss://:*****@redis.example:6380")]
    [InlineData("ops:s3cret@redis.example:6379", "ops:*****@redis.example:6379")]
    [InlineData("redis://ops:p@ss@redis.example", "redis://ops:*****@redis.example")]
    [InlineData("a:1,ops:s3cret@b:2", "a:1,ops:*****@b:2")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5PT0=;EndpointSuffix=core.windows.net",
        "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=*****;EndpointSuffix=core.windows.net")]
    public void Secrets_are_masked_and_the_rest_stays_readable(string connectionString, string expected) =>
        Assert.Equal(expected, ConnectionStringRedaction.Redact(connectionString));

    [Fact]
    public void A_message_quoting_the_connection_string_or_its_secret_is_masked_everywhere()
    {
        const string redis = "127.0.0.1:6379,password=hunter2-0123";
        var message = ConnectionStringRedaction.Redact($"through Redis {redis} (RedisConnectionException: AUTH hunter2-0123 failed)", redis);
        Assert.DoesNotContain("hunter2", message);
        Assert.Contains("127.0.0.1:6379,password=*****", message);
    }

    [Fact]
    public async Task The_cli_does_not_print_the_redis_password_when_it_cannot_connect()
    {
        const string secret = "do-not-print-me-0123456789";
        var port = RedisServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var redis in new[]
        {
            $"127.0.0.1:{port},password={secret},abortConnect=false", // the client keeps trying, then no gateway answers in time
            $"127.0.0.1:{port},password={secret},connectTimeout=500", // Redis refuses at once
            $"ops:{secret}@127.0.0.1:{port}",
        })
        {
            var result = await CliProcess.RunAsync("status", "--redis", redis);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("Cannot reach a HarvestOrleans cluster", result.Error);
            Assert.DoesNotContain(secret, result.Output + result.Error);
        }
    }

    [Fact]
    public async Task The_cli_takes_its_redis_connection_string_from_HARVEST_REDIS_so_a_password_stays_off_the_command_line()
    {
        var port = RedisServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string> { ["HARVEST_REDIS"] = $"127.0.0.1:{port},password=from-the-environment,connectTimeout=500" };

        var result = await CliProcess.RunAsync(environment, "status");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"through Redis 127.0.0.1:{port},password=*****", result.Error); // not the local gateway: the environment's Redis
        Assert.DoesNotContain("from-the-environment", result.Error);
    }
}
