using System.Security.Cryptography;
using System.Text;

namespace HarvestOrleans.Experiments.Workloads;

/// <summary>How replayed trace functions run: as a suite function (real work) or as the synthetic function (the traced duration).</summary>
public enum TraceMapping
{
    Suite,
    Synthetic,
}

/// <summary>
/// Gives every trace function its own deployed function (so cold starts and worker sets are per traced function, as in
/// the trace) named <c>tf-&lt;hash&gt;</c>, running the code of a suite function chosen by a stable hash through the mix,
/// or of the synthetic function.
/// </summary>
public sealed class TraceFunctionMap
{
    private readonly Dictionary<string, (string Name, string Code)> _byTraceId = new(StringComparer.Ordinal);

    public TraceFunctionMap(IEnumerable<string> traceFunctionIds, TraceMapping mapping, FunctionMix suiteMix)
    {
        Mapping = mapping;
        foreach (var id in traceFunctionIds.Distinct(StringComparer.Ordinal))
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
            var uniform = BitConverter.ToUInt64(hash) / (ulong.MaxValue + 1.0);
            var code = mapping == TraceMapping.Synthetic ? "synthetic" : suiteMix.Pick(uniform);
            _byTraceId[id] = ("tf-" + Convert.ToHexStringLower(hash)[..12], code);
        }
    }

    public TraceMapping Mapping { get; }

    /// <summary>Each deployed name with the suite function whose code it runs.</summary>
    public IEnumerable<(string Name, string Code)> Functions => _byTraceId.Values;

    public string NameOf(string traceFunctionId) => _byTraceId[traceFunctionId].Name;

    /// <summary>The input: suite functions run their default work; the synthetic one runs the traced duration, capped.</summary>
    public object? InputFor(PlannedInvocation invocation, double maxDurationMs) =>
        Mapping == TraceMapping.Synthetic ? new { ms = Math.Min(invocation.DurationMs, maxDurationMs) } : null;
}
