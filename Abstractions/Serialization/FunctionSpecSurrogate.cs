using HarvestOrleans.Functions;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Configuration;

// FunctionSpec lives in the function SDK, which has no Orleans attributes: give it the alias it had as a
// [GenerateSerializer] record, so a spec written by type name (e.g. as an object) reads the same on both sides.
[assembly: TypeManifestProvider(typeof(HarvestOrleans.Serialization.FunctionSpecTypeManifest))]

namespace HarvestOrleans.Serialization;

/// <summary>
/// How <see cref="FunctionSpec"/> (in the Orleans-free SDK) crosses grain calls and grain state: field for field, with
/// the ids it had as a [GenerateSerializer] record, so its encoding is unchanged.
/// </summary>
/// <remarks>
/// Orleans writes a record as its primary-constructor section (empty here), an end-of-base marker, then its members:
/// <c>IncludePrimaryConstructorParameters</c> makes this struct write the same marker, so specs written before the SDK
/// split (in grain state, or by a silo not yet upgraded) read back whole, and the other way round.
/// </remarks>
[GenerateSerializer(IncludePrimaryConstructorParameters = true), Immutable, Alias("HarvestOrleans.FunctionSpecSurrogate")]
internal struct FunctionSpecSurrogate
{
    [Id(0)] public string Name;

    [Id(1)] public string Version;

    [Id(2)] public double Cores;

    [Id(3)] public int MemoryMb;

    [Id(4)] public TimeSpan Timeout;

    [Id(5)] public int MaxConcurrency;

    [Id(6)] public bool Idempotent;

    [Id(7)] public bool LongRunning;

    [Id(8)] public bool Entity;
}

/// <summary>Converts <see cref="FunctionSpec"/> to and from its surrogate.</summary>
[RegisterConverter]
internal sealed class FunctionSpecSurrogateConverter : IConverter<FunctionSpec, FunctionSpecSurrogate>
{
    public FunctionSpec ConvertFromSurrogate(in FunctionSpecSurrogate surrogate) => new()
    {
        Name = surrogate.Name,
        Version = surrogate.Version,
        Cores = surrogate.Cores,
        MemoryMb = surrogate.MemoryMb,
        Timeout = surrogate.Timeout,
        MaxConcurrency = surrogate.MaxConcurrency,
        Idempotent = surrogate.Idempotent,
        LongRunning = surrogate.LongRunning,
        Entity = surrogate.Entity,
    };

    public FunctionSpecSurrogate ConvertToSurrogate(in FunctionSpec value) => new()
    {
        Name = value.Name,
        Version = value.Version,
        Cores = value.Cores,
        MemoryMb = value.MemoryMb,
        Timeout = value.Timeout,
        MaxConcurrency = value.MaxConcurrency,
        Idempotent = value.Idempotent,
        LongRunning = value.LongRunning,
        Entity = value.Entity,
    };
}

/// <summary>
/// <see cref="FunctionSpec"/> is immutable (init-only properties of immutable types): a copy is the same instance, as
/// it was when the record was [Immutable] itself.
/// </summary>
[RegisterCopier]
internal sealed class FunctionSpecCopier : IDeepCopier<FunctionSpec>, IOptionalDeepCopier
{
    public FunctionSpec? DeepCopy(FunctionSpec? input, CopyContext context) => input;

    public bool IsShallowCopyable() => true;
}

/// <summary>Registers the wire alias <c>HarvestOrleans.FunctionSpec</c> for <see cref="FunctionSpec"/>.</summary>
internal sealed class FunctionSpecTypeManifest : TypeManifestProviderBase
{
    public const string Alias = "HarvestOrleans.FunctionSpec";

    protected override void ConfigureInner(TypeManifestOptions options) => options.WellKnownTypeAliases[Alias] = typeof(FunctionSpec);
}
