namespace HarvestOrleans.TestPackage.Dependency;

public static class VersionFormatter
{
    public static string Describe(string version) => $"v{version}";
}
