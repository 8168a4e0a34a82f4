using Microsoft.Extensions.Configuration;

namespace HarvestOrleans.Hosting.Providers;

/// <summary>Configures a Harvest silo for one provider chosen in configuration (see <see cref="HarvestProviderAttribute"/>).</summary>
public interface IHarvestProviderBuilder
{
    /// <summary>
    /// Adds the provider to <paramref name="harvest"/>. <paramref name="section"/> is the kind's configuration section
    /// (e.g. <c>Harvest:State</c>), holding <c>ProviderType</c> and the provider's own settings.
    /// </summary>
    void Configure(IHarvestSiloBuilder harvest, IConfigurationSection section);
}
