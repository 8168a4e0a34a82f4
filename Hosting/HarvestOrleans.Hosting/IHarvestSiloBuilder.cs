namespace HarvestOrleans.Hosting;

/// <summary>Configures HarvestOrleans on a silo: the VM, the invoker, balancing, functions and state.</summary>
public interface IHarvestSiloBuilder
{
    /// <summary>The silo being configured.</summary>
    ISiloBuilder Silo { get; }

    /// <summary>The silo's services.</summary>
    IServiceCollection Services { get; }
}

internal sealed class HarvestSiloBuilder(ISiloBuilder silo) : IHarvestSiloBuilder
{
    public ISiloBuilder Silo { get; } = silo;

    public IServiceCollection Services => Silo.Services;
}
