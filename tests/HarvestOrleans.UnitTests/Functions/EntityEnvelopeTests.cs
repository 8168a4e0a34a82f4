using HarvestOrleans.Entities;
using HarvestOrleans.Functions;
using Microsoft.Extensions.Logging.Abstractions;

namespace HarvestOrleans.UnitTests.Functions;

/// <summary>Issue 19: what an entity invocation carries in and out, and when its state counts as changed.</summary>
[Trait("Category", "Unit")]
public class EntityEnvelopeTests
{
    [Fact]
    public void A_request_and_a_result_read_back_as_written_with_or_without_state()
    {
        var (id, state, input) = EntityEnvelope.ReadRequest(EntityEnvelope.WriteRequest("user/ü-1", "{\"n\":1}"u8.ToArray(), "{\"x\":2}"u8));
        Assert.Equal("user/ü-1", id);
        Assert.Equal("{\"n\":1}"u8.ToArray(), state);
        Assert.Equal("{\"x\":2}"u8.ToArray(), input.ToArray());

        var none = EntityEnvelope.ReadRequest(EntityEnvelope.WriteRequest("a", null, []));
        Assert.Null(none.State);
        Assert.True(none.Input.IsEmpty);

        var (output, changed) = EntityEnvelope.ReadResult(EntityEnvelope.WriteResult("out"u8, null));
        Assert.Equal("out"u8.ToArray(), output);
        Assert.Null(changed);
        Assert.Equal("s"u8.ToArray(), EntityEnvelope.ReadResult(EntityEnvelope.WriteResult([], "s"u8.ToArray())).ChangedState);
    }

    [Fact]
    public void A_payload_that_is_not_an_envelope_is_the_callers_error()
    {
        Assert.Throws<FunctionInputException>(() => EntityEnvelope.ReadRequest("{}"u8.ToArray()));
        Assert.Throws<FunctionInputException>(() => EntityEnvelope.ReadRequest(new byte[] { 100, 0, 0, 0, 1 }));
    }

    [Fact]
    public async Task The_state_is_returned_only_when_the_invocation_changed_it()
    {
        var entity = new Counter();
        var first = await RunAsync(entity, state: null, "1"u8.ToArray());
        Assert.Equal("{\"n\":1}", System.Text.Encoding.UTF8.GetString(first.ChangedState!)); // created

        var read = await RunAsync(entity, first.ChangedState, "0"u8.ToArray());
        Assert.Null(read.ChangedState); // read only: nothing to store
        Assert.Equal("1", System.Text.Encoding.UTF8.GetString(read.Output));

        var added = await RunAsync(entity, first.ChangedState, "5"u8.ToArray());
        Assert.Equal("{\"n\":6}", System.Text.Encoding.UTF8.GetString(added.ChangedState!));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("user/42", true)]
    [InlineData("", false)]
    [InlineData("tab\there", false)]
    public void Entity_ids_are_short_and_printable(string id, bool valid)
    {
        Assert.Equal(valid, EntityKey.IsValidId(id));
        Assert.False(EntityKey.IsValidId(new string('x', EntityKey.MaxIdLength + 1)));
        Assert.Equal(("counter", id), EntityKey.Parse(EntityKey.Of("counter", id)));
    }

    private static async Task<(byte[] Output, byte[]? ChangedState)> RunAsync(Counter entity, byte[]? state, byte[] input)
    {
        var context = new FunctionContext(Guid.NewGuid(), new FunctionSpec { Name = "counter", Entity = true }, "vm", 1, DateTimeOffset.MaxValue, NullLogger.Instance, 1);
        var result = await entity.InvokeAsync(new FunctionPayload(EntityEnvelope.WriteRequest("c", state, input)), context, CancellationToken.None);
        return EntityEnvelope.ReadResult(result.ToArray());
    }

    private sealed class Counter : HarvestEntity<Counter.State, int, int>
    {
        protected override Task<int> RunAsync(int input, EntityContext<State> entity, FunctionContext context, CancellationToken cancellationToken)
        {
            entity.State.N += input;
            return Task.FromResult(entity.State.N);
        }

        public sealed class State
        {
            public int N { get; set; }
        }
    }
}
