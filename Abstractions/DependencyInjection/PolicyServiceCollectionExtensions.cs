using HarvestOrleans.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HarvestOrleans.Hosting;

/// <summary>Registers the policy registries and the built-in policies, as YARP registers its load-balancing policies.</summary>
public static class PolicyServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="BalancingPolicies"/>, <see cref="EvictionPolicies"/>, <see cref="KeepAlivePolicies"/> and
    /// <see cref="ResourcePolicies"/>, each built from every registered <see cref="IBalancingPolicy"/>,
    /// <see cref="IEvictionPolicy"/>, <see cref="IKeepAlivePolicy"/> or <see cref="IResourcePolicy"/>, and registers the
    /// built-in ones (the built-in Freyr without weights; a silo given weights uses them for it). Add a policy of your own with, for example,
    /// <c>services.TryAddEnumerable(ServiceDescriptor.Singleton&lt;IBalancingPolicy, MyPolicy&gt;())</c> on the silos (and,
    /// for a balancing policy, on the clients too: they pick); configuration then selects it by its name. Safe to call
    /// more than once.
    /// </summary>
    public static IServiceCollection AddHarvestPolicies(this IServiceCollection services)
    {
        foreach (var policy in BalancingPolicies.BuiltIn)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IBalancingPolicy), policy.GetType()));
        }

        foreach (var policy in EvictionPolicies.BuiltIn)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IEvictionPolicy), policy.GetType()));
        }

        foreach (var policy in KeepAlivePolicies.BuiltIn)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IKeepAlivePolicy), policy.GetType()));
        }

        foreach (var policy in ResourcePolicies.BuiltIn)
        {
            // Instances: FreyrResourcePolicy has a constructor taking a network the container does not hold.
            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IResourcePolicy), policy));
        }

        services.TryAddSingleton<BalancingPolicies>();
        services.TryAddSingleton<EvictionPolicies>();
        services.TryAddSingleton<KeepAlivePolicies>();
        services.TryAddSingleton<ResourcePolicies>();
        return services;
    }
}
