namespace HarvestOrleans.Grains.Options;

/// <summary>
/// Where a silo keeps its files on this machine when none is configured: a per-user folder,
/// <c>$XDG_DATA_HOME/harvest</c> (usually <c>~/.local/share/harvest</c>; <c>%LOCALAPPDATA%\harvest</c> on Windows), made
/// private to its user (mode 0700) when a silo first writes there. Not a fixed name under the shared temp folder: another
/// user of the machine could create that first, then read or replace the packages and code silos load from it.
/// </summary>
internal static class HarvestFolders
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The per-user root of the default folders.</summary>
    public static string Root { get; } = ResolveRoot();

    /// <summary>The default folder <paramref name="name"/> under <see cref="Root"/>.</summary>
    public static string Default(string name) => Path.Combine(Root, name);

    /// <summary>
    /// Creates <paramref name="folder"/> readable only by this user (0700; missing parents as <c>mkdir -p</c> makes them),
    /// and returns its full path. When it is under <see cref="Root"/>, the root is made 0700 too, so nothing beneath it is
    /// reachable by other users whatever their modes; a folder configured elsewhere that already exists keeps the mode its
    /// operator gave it.
    /// </summary>
    public static string CreatePrivate(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full); // under the user's profile, which is private by default
            return full;
        }

        var root = Path.GetFullPath(Root);
        if (full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            Directory.CreateDirectory(root, Private);
            // Setting the mode also proves the folder is this user's: only its owner may.
            File.SetUnixFileMode(root, Private);
        }

        Directory.CreateDirectory(full, Private);
        return full;
    }

    private static string ResolveRoot()
    {
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return string.IsNullOrEmpty(data)
            ? Path.Combine(Path.GetTempPath(), $"harvest-{Environment.UserName}") // no home folder: still one per user, made 0700 by CreatePrivate
            : Path.Combine(data, "harvest");
    }
}
