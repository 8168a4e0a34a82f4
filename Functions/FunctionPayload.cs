using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace HarvestOrleans.Functions;

/// <summary>An invocation's input or output: bytes, with JSON and text helpers.</summary>
public readonly struct FunctionPayload
{
    private readonly byte[]? _bytes;

    /// <summary>A payload of <paramref name="bytes"/> (not copied).</summary>
    public FunctionPayload(byte[] bytes) => _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));

    /// <summary>A payload of no bytes.</summary>
    public static FunctionPayload Empty => new([]);

    /// <summary>The payload's bytes.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes ?? [];

    /// <summary>The number of bytes.</summary>
    public int Length => _bytes?.Length ?? 0;

    /// <summary>
    /// <paramref name="value"/> as UTF-8 JSON (with <paramref name="options"/>, default <see cref="FunctionJson.Options"/>).
    /// </summary>
    public static FunctionPayload FromJson<T>(T value, JsonSerializerOptions? options = null) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, options ?? FunctionJson.Options));

    /// <summary><paramref name="text"/> as UTF-8.</summary>
    public static FunctionPayload FromString(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Deserialises the payload; an empty payload reads as default. A payload that is not UTF-8 (JSON text must be) or
    /// not valid JSON for <typeparamref name="T"/> throws <see cref="FunctionInputException"/>.
    /// </summary>
    public T ReadJson<T>(JsonSerializerOptions? options = null)
    {
        if (Length == 0)
        {
            return default!;
        }

        // The whole payload, not only the strings the serializer happens to transcode: a member it skips is checked too.
        if (!Utf8.IsValid(Bytes.Span))
        {
            throw new FunctionInputException($"The payload is not valid UTF-8, so it is not JSON text (for {typeof(T).Name}).");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(Bytes.Span, options ?? FunctionJson.Options)!;
        }
        catch (JsonException ex)
        {
            throw new FunctionInputException($"The payload is not valid JSON for {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    /// <summary>The payload read as UTF-8 text.</summary>
    public string AsString() => Encoding.UTF8.GetString(Bytes.Span);

    /// <summary>The payload's bytes as an array (the one it was made with, not a copy).</summary>
    public byte[] ToArray() => _bytes ?? [];
}

/// <summary>
/// Thrown when a function's input cannot be read (not UTF-8, or not valid JSON for its input type). It is the caller's
/// error: the invocation ends Rejected with error type <c>InvalidRequest</c> (HTTP 400), not Failed.
/// </summary>
public sealed class FunctionInputException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The JSON settings payloads use unless a function gives its own.</summary>
public static class FunctionJson
{
    /// <summary><see cref="JsonSerializerDefaults.Web"/>: camelCase names, case-insensitive reads.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
