using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Configuration;

namespace HarvestOrleans.Hosting.Providers;

/// <summary>
/// Applies the providers configuration names (<c>Harvest:&lt;section&gt;:ProviderType</c>). Providers are found by their
/// assemblies' <see cref="HarvestProviderAttribute"/>: among the loaded assemblies, then the application's own
/// <c>HarvestOrleans.*.dll</c> files (a referenced library is not loaded until something touches it).
/// </summary>
internal static class HarvestProviders
{
    /// <summary>The <c>ProviderType</c> key inside each kind's section.</summary>
    public const string ProviderTypeKey = "ProviderType";

    private static readonly Lazy<FrozenDictionary<string, HarvestProviderAttribute>> Registered = new(Discover);

    public static void ApplyConfigured(IHarvestSiloBuilder harvest, IConfiguration configuration)
    {
        foreach (var (kind, sectionName) in HarvestProviderKinds.Sections)
        {
            var section = configuration.GetSection(sectionName);
            if (section[ProviderTypeKey] is not { Length: > 0 } name)
            {
                continue;
            }

            if (!Registered.Value.TryGetValue(Key(kind, name), out var provider))
            {
                var known = Registered.Value.Values.Where(p => p.Kind == kind).Select(p => p.Name).Order(StringComparer.Ordinal);
                throw new OrleansConfigurationException(
                    $"{sectionName}:{ProviderTypeKey} is '{name}', which no referenced library provides. Known {kind} providers: {string.Join(", ", known)}.");
            }

            ((IHarvestProviderBuilder)Activator.CreateInstance(provider.BuilderType)!).Configure(harvest, section);
        }
    }

    private static FrozenDictionary<string, HarvestProviderAttribute> Discover()
    {
        // Only the application's own context: a function package's load context may hold same-named copies.
        var assemblies = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        foreach (var loaded in AssemblyLoadContext.Default.Assemblies.Where(a => !a.IsDynamic))
        {
            assemblies.TryAdd(loaded.GetName().Name ?? "", loaded);
        }

        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "HarvestOrleans.*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!assemblies.ContainsKey(name))
            {
                try
                {
                    assemblies[name] = Assembly.Load(new AssemblyName(name));
                }
                catch (Exception ex) when (ex is FileNotFoundException or BadImageFormatException or FileLoadException)
                {
                    // Not an assembly this application can load (e.g. a function package's copy): it provides nothing.
                }
            }
        }

        var providers = new Dictionary<string, HarvestProviderAttribute>(StringComparer.OrdinalIgnoreCase);
        foreach (var assembly in assemblies.Values)
        {
            foreach (var attribute in assembly.GetCustomAttributes<HarvestProviderAttribute>())
            {
                providers[Key(attribute.Kind, attribute.Name)] = attribute;
            }
        }

        return providers.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    private static string Key(string kind, string name) => $"{kind}/{name}";
}
