using System.Text.Json;
using HarvestOrleans.Http;
using HarvestOrleans.Invocations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HarvestOrleans.Tests.Http;

/// <summary>The trigger's generated serializers write exactly what its configured JSON options (reflection) write.</summary>
public sealed class HttpTriggerJsonTests
{
    private static readonly JsonSerializerOptions TriggerOptions = ConfiguredOptions();

    [Fact]
    public void A_record_with_every_field_set_is_written_as_the_trigger_options_write_it()
    {
        var record = HttpInvocationRecord.From(new InvocationRecord
        {
            Id = Guid.NewGuid(),
            Function = "echo",
            Version = "2",
            Status = InvocationStatus.Failed,
            Output = """{"message":"hi","n":[1,2.5,null]}"""u8.ToArray(),
            Error = new InvocationError(InvocationErrorTypes.Timeout, "too slow"),
            VmId = "vm-1",
            QueueWaitMs = 1.5,
            ExecutionMs = 2.25,
            ColdStart = true,
            Attempts = 2,
            Logs = ["one", "two"],
            CompletedAt = DateTimeOffset.UnixEpoch,
            CpuSeconds = 0.125,
            ResourcePolicy = "freyr",
            PlanAgeMs = 12,
        });

        Assert.Equal(JsonSerializer.Serialize(record, TriggerOptions), JsonSerializer.Serialize(record, HttpTriggerJson.Default.HttpInvocationRecord));
        Assert.Contains("\"status\":\"Failed\"", JsonSerializer.Serialize(record, HttpTriggerJson.Default.HttpInvocationRecord));
    }

    [Fact]
    public void Binary_output_async_invocations_and_refusals_are_written_as_the_trigger_options_write_them()
    {
        var binary = HttpInvocationRecord.From(new InvocationRecord { Id = Guid.NewGuid(), Function = "f", Status = InvocationStatus.Succeeded, Output = [0xff, 0x00] });
        var pending = new HttpAsyncInvocation(Guid.NewGuid(), AsyncInvocationState.Accepted, "f", DateTimeOffset.UnixEpoch, "vm-0", 1, "/api/invocations/x", binary);
        var error = new HttpError(InvocationErrorTypes.QueueFull, "retry");

        Assert.Equal(JsonSerializer.Serialize(binary, TriggerOptions), JsonSerializer.Serialize(binary, HttpTriggerJson.Default.HttpInvocationRecord));
        Assert.Equal(JsonSerializer.Serialize(pending, TriggerOptions), JsonSerializer.Serialize(pending, HttpTriggerJson.Default.HttpAsyncInvocation));
        Assert.Equal(JsonSerializer.Serialize(error, TriggerOptions), JsonSerializer.Serialize(error, HttpTriggerJson.Default.HttpError));
    }

    private static JsonSerializerOptions ConfiguredOptions()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddHarvestHttpTrigger();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
    }
}
