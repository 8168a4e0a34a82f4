using HarvestOrleans.Packages;

namespace HarvestOrleans.Grains.Packages;

internal static class PackageFolders
{
    /// <summary>Best effort: a folder left behind is only disk space, and the work directory is temporary.</summary>
    public static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
