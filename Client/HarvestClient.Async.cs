using HarvestOrleans.Functions;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocations;

namespace HarvestOrleans.Client;

public sealed partial class HarvestClient
{
    /// <summary>
    /// Starts an asynchronous invocation and returns once it is stored: its final record can be read later with
    /// <see cref="GetInvocationAsync"/>, even if the silo that accepted it is evicted meanwhile.
    /// </summary>
    public Task<AsyncInvocation> SubmitAsync(string function, byte[] payload, string? version = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.Length > _options.MaxPayloadBytes)
        {
            throw new ArgumentException($"Payload of {payload.Length} bytes exceeds the limit of {_options.MaxPayloadBytes} bytes.", nameof(payload));
        }

        if (!FunctionSpec.IsValidName(function))
        {
            throw new ArgumentException($"'{function}' is not a valid function name.", nameof(function));
        }

        var id = Guid.NewGuid();
        var request = new InvocationRequest { InvocationId = id, Function = function, Version = version, Payload = payload };
        return _grains.GetGrain<IAsyncInvocationGrain>(id).AcceptAsync(request, acceptedBy: "client");
    }

    /// <summary>Starts an asynchronous invocation with a JSON input (see <see cref="SubmitAsync"/>).</summary>
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
