using HarvestOrleans.Policies;

namespace HarvestOrleans.Serialization;

/// <summary>
/// The wire form of <see cref="BalancingPolicySettings"/>, which lives in the Orleans-free policies library. Every
/// property of the settings has a field here: a route lease carries the planner's settings whole, so callers pick with
/// exactly them (a test fails when a property is added to the settings but not here).
/// </summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.BalancingPolicySettings")]
public struct BalancingPolicySettingsSurrogate
{
    /// <summary><see cref="BalancingPolicySettings.UtilisationCap"/>.</summary>
    [Id(0)] public double UtilisationCap;

    /// <summary><see cref="BalancingPolicySettings.ShrinkIntervalMs"/>.</summary>
    [Id(1)] public long ShrinkIntervalMs;

    /// <summary><see cref="BalancingPolicySettings.RingSize"/>.</summary>
    [Id(2)] public int RingSize;

    /// <summary><see cref="BalancingPolicySettings.CountReservations"/>.</summary>
    [Id(3)] public bool CountReservations;

    /// <summary><see cref="BalancingPolicySettings.PreferWarm"/>.</summary>
    [Id(4)] public bool PreferWarm;

    /// <summary><see cref="BalancingPolicySettings.Mode"/>.</summary>
    [Id(5)] public PolicyMode Mode;
}

/// <summary>Converts <see cref="BalancingPolicySettings"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class BalancingPolicySettingsSurrogateConverter : IConverter<BalancingPolicySettings, BalancingPolicySettingsSurrogate>
{
    /// <inheritdoc/>
    public BalancingPolicySettings ConvertFromSurrogate(in BalancingPolicySettingsSurrogate surrogate) => new()
    {
        UtilisationCap = surrogate.UtilisationCap,
        ShrinkIntervalMs = surrogate.ShrinkIntervalMs,
        RingSize = surrogate.RingSize,
        CountReservations = surrogate.CountReservations,
        PreferWarm = surrogate.PreferWarm,
        Mode = surrogate.Mode,
    };

    /// <inheritdoc/>
    public BalancingPolicySettingsSurrogate ConvertToSurrogate(in BalancingPolicySettings value) => new()
    {
        UtilisationCap = value.UtilisationCap,
        ShrinkIntervalMs = value.ShrinkIntervalMs,
        RingSize = value.RingSize,
        CountReservations = value.CountReservations,
        PreferWarm = value.PreferWarm,
        Mode = value.Mode,
    };
}
