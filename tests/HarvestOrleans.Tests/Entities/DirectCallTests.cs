using System.Text.Json;
using HarvestOrleans.Invocations;
using HarvestOrleans.Samples;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Entities;

/// <summary>Issue 19, item 2: a function calls functions and entities through its context, each call an invocation of its own.</summary>
[Collection(SharedClusterCollection.Name)]
[Trait("Category", "Cluster")]
public class DirectCallTests(HarvestClusterFixture fixture)
{
    [Fact]
    public async Task A_function_calls_another_per_item_and_gets_each_output()
    {
        var items = new[] { new ScoreFunction.Item([0, 0, 0, 0]), new ScoreFunction.Item([10, 0, 0, 0]) };
        var results = await FanOutAsync(new { target = ScoreFunction.Spec.Name, items });

        Assert.All(results, r => Assert.Equal("Succeeded", r.Status));
        Assert.Equal(0.5, results[0].Output!.Value.GetProperty("value").GetDouble(), 6);
        Assert.True(results[1].Output!.Value.GetProperty("value").GetDouble() > 0.98);
    }

    [Fact]
    public async Task A_function_calls_an_entity_and_each_call_applies_once_in_order()
    {
        var id = $"fan-{Guid.NewGuid():N}";
        var results = await FanOutAsync(new { target = RunningTotalEntity.Spec.Name, entityId = id, items = new[] { new { amount = 1 }, new { amount = 2 }, new { amount = 3 } } });

        Assert.Equal([1L, 3L, 6L], results.Select(r => r.Output!.Value.GetProperty("sum").GetInt64()));
        var total = await fixture.Client.InvokeEntityAsync(RunningTotalEntity.Spec.Name, id, []);
        Assert.Equal(3, total.ReadOutput<RunningTotalEntity.Total>()!.Count);
    }

    [Fact]
    public async Task A_call_that_times_out_or_names_nothing_is_a_typed_result_for_the_caller()
    {
        var results = await FanOutAsync(new { target = "slow", items = new[] { new { milliseconds = 5_000 } } }); // its timeout is 300 ms
        Assert.Equal("TimedOut", results[0].Status);

        var missing = await FanOutAsync(new { target = "no-such-function", items = new[] { new { } } });
        Assert.Equal(("NotFound", InvocationErrorTypes.FunctionNotFound), (missing[0].Status, missing[0].ErrorType));
    }

    private async Task<IReadOnlyList<FanOutFunction.Result>> FanOutAsync(object input)
    {
        var record = await fixture.Client.InvokeJsonAsync(FanOutFunction.Spec.Name, input);
        Assert.True(record.IsSuccess, $"{record.Status}: {record.Error}");
        return record.ReadOutput<FanOutFunction.Output>()!.Results;
    }
}
