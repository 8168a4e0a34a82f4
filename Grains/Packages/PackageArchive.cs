using System.IO.Compression;

namespace HarvestOrleans.Packages;

/// <summary>
/// Reading and extracting package zips without trusting them: entry paths must stay inside the target folder, and the
/// entry count and extracted size are capped by the bytes actually written, not the sizes the zip claims.
/// Every problem is an <see cref="InvalidDataException"/> naming it.
/// </summary>
public static class PackageArchive
{
    public static PackageManifest ReadManifest(byte[] archive, PackageLimits limits)
    {
        using var zip = Open(archive, limits);
        var entry = zip.GetEntry(PackageManifest.FileName)
            ?? throw new InvalidDataException($"The package has no {PackageManifest.FileName} at its root.");
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        CopyCapped(stream, buffer, Math.Min(limits.MaxExtractedBytes, 1024 * 1024), PackageManifest.FileName);
        var manifest = PackageManifest.Parse(buffer.ToArray());
        var problems = manifest.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{PackageManifest.FileName} is not valid: {string.Join(" ", problems)}");
        }

        return manifest;
    }

    public static void Extract(byte[] archive, string targetFolder, PackageLimits limits)
    {
        var root = Path.GetFullPath(targetFolder) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(root);
        using var zip = Open(archive, limits);
        long written = 0;
        foreach (var entry in zip.Entries)
        {
            var path = Path.GetFullPath(Path.Combine(root, entry.FullName));
            if (!path.StartsWith(root, StringComparison.Ordinal) || Path.IsPathRooted(entry.FullName))
            {
                throw new InvalidDataException($"Entry '{entry.FullName}' would be written outside the package folder.");
            }

            if (entry.FullName.EndsWith('/'))
            {
                Directory.CreateDirectory(path);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var source = entry.Open();
            using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            written += CopyCapped(source, target, limits.MaxExtractedBytes - written, entry.FullName);
        }
    }

    private static ZipArchive Open(byte[] archive, PackageLimits limits)
    {
        if (archive.LongLength > limits.MaxPackageBytes)
        {
            throw new InvalidDataException($"The package is {archive.LongLength} bytes, over the limit of {limits.MaxPackageBytes}.");
        }

        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(archive, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"The package is not a valid zip archive: {ex.Message}", ex);
        }

        if (zip.Entries.Count > limits.MaxEntries)
        {
            zip.Dispose();
            throw new InvalidDataException($"The package has {zip.Entries.Count} entries, over the limit of {limits.MaxEntries}.");
        }

        return zip;
    }

    private static long CopyCapped(Stream source, Stream target, long remaining, string entryName)
    {
        var buffer = new byte[81920];
        long copied = 0;
        try
        {
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                copied += read;
                if (copied > remaining)
                {
                    throw new InvalidDataException($"Extracting '{entryName}' exceeds the package's extracted-size limit.");
                }

                target.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException ex) when (!ex.Message.StartsWith("Extracting", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Entry '{entryName}' is corrupt: {ex.Message}", ex);
        }

        return copied;
    }
}
