using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Functions;

namespace HarvestOrleans.Hosting;

/// <summary>Functions compiled into the silo (packages are deployed at run time instead).</summary>
public static class FunctionRegistrationExtensions
{
    /// <summary>Registers a function implemented by <typeparamref name="TFunction"/>, created through DI on each VM.</summary>
    public static IHarvestSiloBuilder AddFunction<TFunction>(this IHarvestSiloBuilder harvest, FunctionSpec spec)
        where TFunction : class, IHarvestFunction
    {
        harvest.Services.AddSingleton(new FunctionRegistration(spec, sp => ActivatorUtilities.CreateInstance<TFunction>(sp)));
        return harvest;
    }

    /// <summary>
    /// Registers an entity (<see cref="HarvestEntity{TState, TInput, TOutput}"/>; one instance per VM): its spec is marked
    /// <see cref="FunctionSpec.Entity"/>, so it is invoked per entity id only.
    /// </summary>
    public static IHarvestSiloBuilder AddEntity<TEntity>(this IHarvestSiloBuilder harvest, FunctionSpec spec)
        where TEntity : class, IHarvestFunction =>
        harvest.AddFunction<TEntity>(spec with { Entity = true });

    /// <summary>Registers a function whose instance (one per VM) <paramref name="factory"/> creates.</summary>
    public static IHarvestSiloBuilder AddFunction(this IHarvestSiloBuilder harvest, FunctionSpec spec, Func<IServiceProvider, IHarvestFunction> factory)
    {
        harvest.Services.AddSingleton(new FunctionRegistration(spec, factory));
        return harvest;
    }

    /// <summary>Registers several functions, each with the factory that creates its instance (one per VM).</summary>
    public static IHarvestSiloBuilder AddFunctions(this IHarvestSiloBuilder harvest, IEnumerable<(FunctionSpec Spec, Func<IHarvestFunction> Create)> functions)
    {
        foreach (var (spec, create) in functions)
        {
            harvest.AddFunction(spec, _ => create());
        }

        return harvest;
    }
}
