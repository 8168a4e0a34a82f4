using HarvestOrleans.Grains.Packages;
namespace HarvestOrleans.Grains.FunctionHosting;

/// <summary>Functions registered in-process on the silo builder. The latest version of a name is the one registered last.</summary>
public sealed class RegisteredFunctionCatalog : IReservedFunctionNames
{
    private readonly Dictionary<string, FunctionRegistration> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FunctionRegistration> _latest = new(StringComparer.Ordinal);

    public RegisteredFunctionCatalog(IEnumerable<FunctionRegistration> registrations)
    {
        var problems = Validate(registrations);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Invalid function registrations: " + string.Join(" ", problems));
        }

        foreach (var registration in registrations)
        {
            _byKey[registration.Key] = registration;
            _latest[registration.Spec.Name] = registration;
        }
    }

    public bool Contains(string name) => _latest.ContainsKey(name);

    public FunctionRegistration? Find(string name, string? version)
    {
        if (version is null)
        {
            return _latest.GetValueOrDefault(name);
        }

        return _byKey.GetValueOrDefault(FunctionRegistration.FunctionKey(name, version));
    }

    /// <summary>Invalid specs and duplicate name/version pairs, as messages.</summary>
    public static IReadOnlyList<string> Validate(IEnumerable<FunctionRegistration> registrations)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            problems.AddRange(registration.Spec.Validate());
            if (!seen.Add(registration.Key))
            {
                problems.Add($"Function '{registration.Spec.Name}' version '{registration.Spec.Version}' is registered more than once.");
            }
        }

        return problems;
    }
}
