namespace HarvestOrleans.Grains.Invoker;

/// <summary>A function instance could not be created or initialised (its cold start failed).</summary>
public sealed class FunctionInitializationException(string function, Exception inner)
    : Exception($"'{function}' failed to initialise: {inner.GetType().Name}: {inner.Message}", inner);
