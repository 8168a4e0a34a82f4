namespace HarvestOrleans.Invocations;

/// <summary>Why an invocation did not succeed: a type (an exception type for Failed, else one of <see cref="InvocationErrorTypes"/>) and a message.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.InvocationError")]
public sealed record InvocationError([property: Id(0)] string Type, [property: Id(1)] string Message)
{
    public override string ToString() => $"{Type}: {Message}";
}

/// <summary>The platform's own error types.</summary>
public static class InvocationErrorTypes
{
    public const string FunctionNotFound = "FunctionNotFound";
    public const string PayloadTooLarge = "PayloadTooLarge";
    public const string QueueFull = "QueueFull";
    public const string QueueWaitExceeded = "QueueWaitExceeded";
    public const string VmDraining = "VmDraining";
    public const string NoCapacity = "NoCapacity";
    public const string RoutingUnavailable = "RoutingUnavailable";
    public const string Timeout = "Timeout";
    public const string WorkerLost = "WorkerLost";
    public const string VmEvicted = "VmEvicted";
    public const string InitializationFailed = "InitializationFailed";
    /// <summary>The caller's input could not be read by the function: not UTF-8, or not valid JSON for its input type (HTTP 400).</summary>
    public const string InvalidRequest = "InvalidRequest";
    /// <summary>An entity's invocation ran, but its new state could not be stored, so the change was dropped (HTTP 502).</summary>
    public const string EntityStateNotStored = "EntityStateNotStored";
    /// <summary>A function called another in a namespace its caller's API key may not invoke (HTTP 403).</summary>
    public const string Forbidden = "Forbidden";
}
