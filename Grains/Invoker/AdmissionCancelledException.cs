namespace HarvestOrleans.Grains.Invoker;

/// <summary>A waiting invocation was turned away before it ran (its VM drains or shuts down).</summary>
public sealed class AdmissionCancelledException(string message) : Exception(message);
