using HarvestOrleans.Functions;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocations;
using HarvestOrleans.Resilience;

namespace HarvestOrleans.Client;

public sealed partial class HarvestClient
{
    /// <summary>
    /// Starts an asynchronous invocation and returns once it is stored: its final record can be read later with
    /// <see cref="GetInvocationAsync"/>, even if the silo that accepted it is evicted meanwhile.
    /// </summary>
    public Task<AsyncInvocation> SubmitAsync(string function, byte[] payload, string? version = null) =>
        SubmitAsync(Guid.NewGuid(), function, payload, version, acceptedBy: "client", CancellationToken.None);

    /// <summary>
    /// The one async submit path (this client's and the HTTP trigger's): checks the payload and name, then stores the
    /// acceptance through the <see cref="HarvestPipelines.AsyncAccept"/> pipeline (accepting one id twice is idempotent).
    /// </summary>
    internal async Task<AsyncInvocation> SubmitAsync(Guid id, string function, byte[] payload, string? version, string acceptedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(payload);
        if (!PayloadLimit.Fits(payload.Length, _options.MaxPayloadBytes))
        {
            throw new ArgumentException(PayloadLimit.Refusal(payload.Length, _options.MaxPayloadBytes), nameof(payload));
        }

        if (!FunctionSpec.IsValidName(function))
        {
            throw new ArgumentException($"'{function}' is not a valid function name.", nameof(function));
        }

        var request = new InvocationRequest { InvocationId = id, Function = function, Version = version, Payload = payload };
        return await _accept.ExecuteAsync(
            static async (state, _) => await state.grains.GetGrain<IAsyncInvocationGrain>(state.request.InvocationId).AcceptAsync(state.request, state.acceptedBy),
            (grains: _grains, request, acceptedBy),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts an asynchronous invocation with a JSON input (see <see cref="SubmitAsync(string, byte[], string?)"/>).</summary>
    public Task<AsyncInvocation> SubmitJsonAsync<TInput>(string function, TInput input, string? version = null) =>
        SubmitAsync(function, FunctionPayload.FromJson(input).ToArray(), version);

    /// <summary>An async invocation's state, with its final record once it has one (State Unknown for an id never accepted).</summary>
    public Task<AsyncInvocation> GetInvocationAsync(Guid id) => _grains.GetGrain<IAsyncInvocationGrain>(id).GetAsync();

    /// <summary>Polls until the async invocation has its final record.</summary>
    public async Task<InvocationRecord> WaitForRecordAsync(Guid id, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var interval = pollInterval ?? TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var invocation = await GetInvocationAsync(id).WaitAsync(cancellationToken).ConfigureAwait(false);
            switch (invocation.State)
            {
                case AsyncInvocationState.Completed:
                    return invocation.Record!;
                case AsyncInvocationState.Unknown:
                    throw new KeyNotFoundException($"No async invocation {id} was accepted.");
            }

            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }
}
