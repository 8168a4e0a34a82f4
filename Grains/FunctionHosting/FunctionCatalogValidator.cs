namespace HarvestOrleans.Grains.FunctionHosting;

/// <summary>Fails silo start-up with a clear message when a function registration is invalid or duplicated.</summary>
internal sealed class FunctionCatalogValidator(IEnumerable<FunctionRegistration> registrations) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var problems = RegisteredFunctionCatalog.Validate(registrations);
        if (problems.Count > 0)
        {
            throw new OrleansConfigurationException("Invalid function registrations: " + string.Join(" ", problems));
        }
    }
}
