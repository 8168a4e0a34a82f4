using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace HarvestOrleans.Bench;

/// <summary>
/// What the process spends over a window: CPU time and managed bytes allocated, and, while a
/// <see cref="MessageCounter"/> listens, the Orleans messages sent (callers, client and silos share the process, so
/// these are what a call costs end to end).
/// </summary>
internal readonly record struct ProcessCost(TimeSpan Cpu, long AllocatedBytes, long Messages, long MessageBytes)
{
    /// <summary>The totals now (messages: <paramref name="messages"/>' so far, or none).</summary>
    public static ProcessCost Now(MessageCounter? messages)
    {
        using var process = Process.GetCurrentProcess();
        var (count, bytes) = messages?.Totals() ?? (0, 0);
        return new ProcessCost(process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: false), count, bytes);
    }

    /// <summary>The window from <paramref name="start"/> to this, per call over <paramref name="calls"/> calls.</summary>
    public PerCall Since(ProcessCost start, long calls) => calls == 0
        ? default
        : new PerCall(
            (Cpu - start.Cpu).TotalSeconds / calls * 1000,
            (double)(AllocatedBytes - start.AllocatedBytes) / calls,
            (double)(Messages - start.Messages) / calls,
            (double)(MessageBytes - start.MessageBytes) / calls);

    /// <summary>A window's cost per call: CPU seconds per 1,000 calls, bytes allocated, Orleans messages and their bytes.</summary>
    public readonly record struct PerCall(double CpuSecondsPer1k, double AllocatedBytes, double Messages, double MessageBytes);
}

/// <summary>
/// Counts the messages Orleans sends over connections (the client's gateway and silo-to-silo; the in-memory test
/// transport is a connection too) and their bytes, from the histogram Orleans records once per message sent. Listening
/// costs a little per message, so benchmarks count in a pass of their own, not while timing.
/// </summary>
internal sealed class MessageCounter : IDisposable
{
    private const string OrleansMeter = "Microsoft.Orleans";
    private const string SentMessageSize = "orleans-messaging-sent-messages-size";

    private readonly MeterListener _listener = new();
    private long _messages;
    private long _bytes;

    public MessageCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OrleansMeter && instrument.Name == SentMessageSize)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
        {
            Interlocked.Increment(ref _messages);
            Interlocked.Add(ref _bytes, size);
        });
        _listener.Start();
    }

    public (long Messages, long Bytes) Totals() => (Interlocked.Read(ref _messages), Interlocked.Read(ref _bytes));

    public void Dispose() => _listener.Dispose();
}
