namespace HarvestOrleans.Invocations;

/// <summary>
/// The one payload check: the client, the HTTP trigger and the invoker all refuse a payload over their limit with this
/// rule and this message (error type <see cref="InvocationErrorTypes.PayloadTooLarge"/>, HTTP 413).
/// </summary>
public static class PayloadLimit
{
    /// <summary>The default limit of every payload check: 1 MiB.</summary>
    public const int DEFAULT_MAX_BYTES = 1024 * 1024;

    /// <summary>Whether a payload of <paramref name="length"/> bytes is within <paramref name="maxBytes"/>.</summary>
    public static bool Fits(long length, int maxBytes) => length <= maxBytes;

    /// <summary>
    /// Why a payload is refused: <paramref name="length"/> is its size, or null when only "more than the limit" is known
    /// (the trigger stops reading a body at the limit).
    /// </summary>
    public static string Refusal(long? length, int maxBytes) =>
        $"Payload of {(length is { } n ? $"{n}" : $"more than {maxBytes}")} bytes exceeds the limit of {maxBytes} bytes.";
}
