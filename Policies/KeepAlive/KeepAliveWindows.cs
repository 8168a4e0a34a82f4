namespace HarvestOrleans.Policies;

/// <summary>
/// What to do with a function's warm instance after an invocation ends: unload it at once and load it again after
/// <see cref="PreWarm"/> (zero: keep it loaded), then keep it for <see cref="KeepAlive"/>.
/// </summary>
public readonly record struct KeepAliveWindows(TimeSpan PreWarm, TimeSpan KeepAlive);
