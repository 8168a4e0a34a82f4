using HarvestOrleans.Packages;

namespace HarvestOrleans.Grains.Packages;

/// <summary>A package cannot be deployed; the message names the cause.</summary>
public sealed class PackageRejectedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A deployed package could not be fetched or loaded on this VM (its cold start failed); the message names the cause.</summary>
public sealed class PackageLoadException(string message, Exception? inner = null) : Exception(message, inner);
