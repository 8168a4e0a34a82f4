using HarvestOrleans.Functions;

namespace HarvestOrleans.Grains.FunctionHosting;

/// <summary>A function version did not load and initialise within its timeout; the next invocation loads it again.</summary>
public sealed class FunctionLoadTimeoutException(FunctionSpec spec, Exception? inner = null)
    : TimeoutException($"'{spec.Name}' version '{spec.Version}' did not load and initialise within its timeout of {spec.Timeout.TotalSeconds:0.###} s.", inner);
