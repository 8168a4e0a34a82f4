namespace HarvestOrleans.Hosting.Providers;

/// <summary>
/// Registers a provider that configuration can pick: <c>Harvest:&lt;section&gt;:ProviderType = <paramref name="name"/></c>
/// for the given <paramref name="kind"/> (one of <see cref="HarvestProviderKinds"/>). The same model as Orleans'
/// <c>[RegisterProvider]</c>: a hosting library declares its providers on its assembly, and a silo that references the
/// library can select them without code.
/// </summary>
/// <param name="kind">What the provider supplies, e.g. <see cref="HarvestProviderKinds.State"/>.</param>
/// <param name="name">The value of <c>ProviderType</c> that selects it, e.g. <c>Redis</c>.</param>
/// <param name="builderType">A type implementing <see cref="IHarvestProviderBuilder"/> with a parameterless constructor.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class HarvestProviderAttribute(string kind, string name, Type builderType) : Attribute
{
    /// <summary>What the provider supplies (one of <see cref="HarvestProviderKinds"/>).</summary>
    public string Kind { get; } = kind;

    /// <summary>The <c>ProviderType</c> value that selects it.</summary>
    public string Name { get; } = name;

    /// <summary>The <see cref="IHarvestProviderBuilder"/> that configures the silo for it.</summary>
    public Type BuilderType { get; } = builderType;
}
