using Microsoft.Extensions.Hosting;

namespace HarvestOrleans.Grains.Eviction;

/// <summary>How a drained silo goes away at its eviction deadline.</summary>
public interface ISiloShutdown
{
    void Shutdown(string reason);
}

/// <summary>Stops the silo's host gracefully (the default): the silo leaves the cluster and the process ends.</summary>
internal sealed class HostShutdown(IHostApplicationLifetime lifetime) : ISiloShutdown
{
    public void Shutdown(string reason) => lifetime.StopApplication();
}
