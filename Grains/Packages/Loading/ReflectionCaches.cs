using HarvestOrleans.Packages;
using System.Reflection;
using System.Reflection.Metadata;
using System.Text.Json;

namespace HarvestOrleans.Grains.Packages;

/// <summary>
/// System.Text.Json keeps emitted member accessors in a static cache that would hold an unloaded package's types, and
/// so its load context, alive (dotnet/runtime#65323). The library's own hot-reload handler clears that cache; calling
/// it after an unload costs other functions one re-built accessor each.
/// </summary>
internal static class ReflectionCaches
{
    private static readonly MethodInfo? ClearJsonCaches = typeof(JsonSerializer).Assembly
        .GetCustomAttributes<MetadataUpdateHandlerAttribute>()
        .Select(h => h.HandlerType.GetMethod("ClearCache", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(Type[])]))
        .FirstOrDefault(m => m is not null);

    /// <summary>False if this runtime's System.Text.Json has no such handler (then unloaded contexts may linger).</summary>
    public static bool CanClear => ClearJsonCaches is not null;

    public static void Clear() => ClearJsonCaches?.Invoke(null, [null]);
}
