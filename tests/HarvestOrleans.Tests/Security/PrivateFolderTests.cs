using HarvestOrleans.Grains.Options;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Hosting.Provisioning;

namespace HarvestOrleans.Tests.Security;

/// <summary>The folders silos keep packages, extracted code and child-silo logs in are per-user and private (0700).</summary>
[Trait("Category", "Cluster")]
public sealed class PrivateFolderTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string _scratch = Directory.CreateTempSubdirectory("harvest-private-test-").FullName;

    [Fact]
    public void The_default_folders_are_in_a_per_user_folder_not_at_fixed_names_in_the_shared_temp_folder()
    {
        var options = new PackageOptions();
        foreach (var folder in new[] { options.LocalPath, options.WorkDirectory, ProcessProvisionerOptions.DefaultFolder })
        {
            Assert.False(Path.GetFullPath(folder).StartsWith(Path.GetFullPath(Path.GetTempPath()), StringComparison.Ordinal), folder);
            Assert.StartsWith(HarvestFolders.Root + Path.DirectorySeparatorChar, folder);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.StartsWith(home + Path.DirectorySeparatorChar, HarvestFolders.Root);
    }

    [Fact]
    public async Task The_local_package_store_creates_its_folder_readable_only_by_its_user()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Path.Combine(_scratch, "nested", "packages");
        var archive = "not really a zip"u8.ToArray();
        await new LocalFolderPackageStore(folder).PutAsync(PackageDigest.Of(archive), archive, CancellationToken.None);

        Assert.Equal(Private, File.GetUnixFileMode(folder));
    }

    [Fact]
    public void The_per_user_root_is_made_private_even_if_it_already_existed_with_a_wider_mode()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Directory.CreateDirectory(HarvestFolders.Root);
        File.SetUnixFileMode(HarvestFolders.Root, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var work = HarvestFolders.CreatePrivate(HarvestFolders.Default("functions"));

        Assert.Equal(Private, File.GetUnixFileMode(HarvestFolders.Root));
        Assert.True(Directory.Exists(work), work);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
