using HarvestOrleans.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Client;

/// <summary>Adds the HarvestOrleans client to an Orleans client or any container with a grain factory.</summary>
public static class HarvestClientExtensions
{
    /// <summary>Adds <see cref="HarvestClient"/> and <see cref="HarvestOperator"/> to an Orleans client.</summary>
    public static IClientBuilder UseHarvestClient(this IClientBuilder client, Action<HarvestClientOptions>? configure = null)
    {
        client.Services.AddHarvestClient(configure);
        return client;
    }

    /// <summary>
    /// Adds <see cref="HarvestClient"/> and <see cref="HarvestOperator"/> to any container with an
    /// <see cref="IGrainFactory"/>: an Orleans client, or a silo that invokes functions itself.
    /// </summary>
    public static IServiceCollection AddHarvestClient(this IServiceCollection services, Action<HarvestClientOptions>? configure = null)
    {
        services.AddOptions<HarvestClientOptions>().BindConfiguration(HarvestClientOptions.SectionName);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HarvestClientOptions>, HarvestClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHarvestPolicies(); // callers pick with the lease's policy, looked up by name
        services.TryAddSingleton<HarvestClient>();
        services.TryAddSingleton<HarvestOperator>();
        return services;
    }
}
