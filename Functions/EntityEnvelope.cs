using System.Buffers.Binary;
using System.Text;

namespace HarvestOrleans.Functions;

/// <summary>
/// How an entity invocation carries its state to the function and its changes back, inside the invocation's payload:
/// the request is the entity id, its stored state (or none) and the caller's input; the result is the output and the
/// new state when the invocation changed it. Length-prefixed bytes, so neither is parsed or copied more than once.
/// </summary>
public static class EntityEnvelope
{
    private const int None = -1;

    /// <summary>The request for entity <paramref name="id"/>, with its <paramref name="state"/> (null: none stored yet).</summary>
    public static byte[] WriteRequest(string id, byte[]? state, ReadOnlySpan<byte> input)
    {
        var idBytes = Encoding.UTF8.GetBytes(id);
        var buffer = new byte[4 + idBytes.Length + 4 + (state?.Length ?? 0) + input.Length];
        var span = buffer.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, idBytes.Length);
        idBytes.CopyTo(span[4..]);
        var at = 4 + idBytes.Length;
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], state?.Length ?? None);
        at += 4;
        state?.CopyTo(span[at..]);
        input.CopyTo(span[(at + (state?.Length ?? 0))..]);
        return buffer;
    }

    /// <summary>Reads what <see cref="WriteRequest"/> wrote; throws <see cref="FunctionInputException"/> on anything else.</summary>
    public static (string Id, byte[]? State, ReadOnlyMemory<byte> Input) ReadRequest(ReadOnlyMemory<byte> request)
    {
        var span = request.Span;
        var idLength = ReadLength(span, 0, allowNone: false);
        var id = Encoding.UTF8.GetString(span.Slice(4, idLength));
        var at = 4 + idLength;
        var stateLength = ReadLength(span, at, allowNone: true);
        at += 4;
        var state = stateLength == None ? null : span.Slice(at, stateLength).ToArray();
        return (id, state, request[(at + Math.Max(stateLength, 0))..]);
    }

    /// <summary>The result: the invocation's <paramref name="output"/>, and its new state if it changed it (null: unchanged).</summary>
    public static byte[] WriteResult(ReadOnlySpan<byte> output, byte[]? changedState)
    {
        var buffer = new byte[4 + (changedState?.Length ?? 0) + output.Length];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, changedState?.Length ?? None);
        changedState?.CopyTo(buffer.AsSpan(4));
        output.CopyTo(buffer.AsSpan(4 + (changedState?.Length ?? 0)));
        return buffer;
    }

    /// <summary>Reads what <see cref="WriteResult"/> wrote.</summary>
    public static (byte[] Output, byte[]? ChangedState) ReadResult(byte[] result)
    {
        var stateLength = ReadLength(result, 0, allowNone: true);
        var state = stateLength == None ? null : result.AsSpan(4, stateLength).ToArray();
        return (result.AsSpan(4 + Math.Max(stateLength, 0)).ToArray(), state);
    }

    private static int ReadLength(ReadOnlySpan<byte> span, int at, bool allowNone)
    {
        if (span.Length < at + 4)
        {
            throw new FunctionInputException("An entity invocation's envelope is cut short: was the function invoked as an entity?");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(span[at..]);
        if ((length == None && allowNone) || (length >= 0 && length <= span.Length - at - 4))
        {
            return length;
        }

        throw new FunctionInputException("An entity invocation's envelope is malformed: was the function invoked as an entity?");
    }
}
