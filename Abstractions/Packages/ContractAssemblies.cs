using System.Reflection;
using HarvestOrleans.Functions;

namespace HarvestOrleans.Packages;

/// <summary>
/// The function contract, the SDK assembly HarvestOrleans.Functions (no Orleans), and everything it references: silos
/// provide these to every package, so a package's own copies are left out when it is built and ignored when it is
/// loaded. Everything else (Orleans included) a package brings itself.
/// </summary>
public static class ContractAssemblies
{
    private static readonly Lazy<IReadOnlySet<string>> Closure = new(Compute);

    public static IReadOnlySet<string> Names => Closure.Value;

    private static HashSet<string> Compute()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<AssemblyName>([typeof(IHarvestFunction).Assembly.GetName()]);
        while (pending.TryPop(out var name))
        {
            if (!names.Add(name.Name!))
            {
                continue;
            }

            try
            {
                foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
                {
                    pending.Push(reference);
                }
            }
            catch (IOException)
            {
                // Referenced but not present here: still the host's to provide.
            }
        }

        return names;
    }
}
