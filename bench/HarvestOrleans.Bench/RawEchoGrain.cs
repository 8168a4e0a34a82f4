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
