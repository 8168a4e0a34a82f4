namespace HarvestOrleans.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The repository root: the folder above the test binaries that holds HarvestOrleans.sln.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HarvestOrleans.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("HarvestOrleans.sln not found above the test binaries.");
    }
}
