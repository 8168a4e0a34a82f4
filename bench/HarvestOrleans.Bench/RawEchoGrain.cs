namespace HarvestOrleans.Bench;

/// <summary>The baseline: a plain Orleans grain call carrying the same payload as the no-op function.</summary>
[Alias("HarvestOrleans.Bench.IRawEchoGrain")]
public interface IRawEchoGrain : IGrainWithIntegerKey
{
    [Alias("Echo")]
    Task<byte[]> EchoAsync(byte[] payload);
}

public sealed class RawEchoGrain : Grain, IRawEchoGrain
{
    public Task<byte[]> EchoAsync(byte[] payload) => Task.FromResult(payload);
}

/// <summary>
/// A raw call relayed through a second grain: what routing every invocation through its FunctionGrain would cost,
/// measured to justify route leases.
/// </summary>
[Alias("HarvestOrleans.Bench.IRawRelayGrain")]
public interface IRawRelayGrain : IGrainWithIntegerKey
{
    [Alias("Relay")]
    Task<byte[]> RelayAsync(byte[] payload);
}

public sealed class RawRelayGrain : Grain, IRawRelayGrain
{
    public Task<byte[]> RelayAsync(byte[] payload) =>
        GrainFactory.GetGrain<IRawEchoGrain>(this.GetPrimaryKeyLong() + 1_000_000).EchoAsync(payload);
}
