using HarvestOrleans.Packages;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace HarvestOrleans.Grains.Packages;

/// <summary>
/// Reading and extracting package zips without trusting them: the entry count is capped before the central directory
/// is read (by the count its end record claims); entry names must be unique, relative and free of control characters,
/// and their paths must stay inside the target folder; the extracted size is capped by the bytes actually written, not
/// the sizes the zip claims. Every problem is an <see cref="InvalidDataException"/> naming it.
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

        // Before the central directory is read: reading it costs in proportion to the count the archive claims.
        if (ClaimedEntryCount(archive) is { } claimed && claimed > (ulong)limits.MaxEntries)
        {
            throw new InvalidDataException($"The package's central directory claims {claimed} entries, over the limit of {limits.MaxEntries}.");
        }

        var zip = ReadCentralDirectory(archive);
        try
        {
            if (zip.Entries.Count > limits.MaxEntries)
            {
                throw new InvalidDataException($"The package has {zip.Entries.Count} entries, over the limit of {limits.MaxEntries}.");
            }

            CheckEntryNames(zip.Entries);
            return zip;
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    private static ZipArchive ReadCentralDirectory(byte[] archive)
    {
        ZipArchive? zip = null;
        try
        {
            zip = new ZipArchive(new MemoryStream(archive, writable: false), ZipArchiveMode.Read);
            _ = zip.Entries; // read now, so that a broken directory is named as such
            return zip;
        }
        catch (InvalidDataException ex)
        {
            zip?.Dispose();
            throw new InvalidDataException($"The package is not a valid zip archive: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// The entry count the end-of-central-directory record (or, for zip64, its zip64 record) claims; null when there is
    /// no such record (the zip reader then says what is wrong).
    /// </summary>
    private static ulong? ClaimedEntryCount(ReadOnlySpan<byte> archive)
    {
        const int EndRecordSize = 22, LocatorSize = 20, Zip64EndRecordSize = 56;
        var searchFrom = Math.Max(0, archive.Length - EndRecordSize - ushort.MaxValue); // after it, a comment of at most 64 KiB
        var end = archive[searchFrom..].LastIndexOf("PK\u0005\u0006"u8);
        if (end < 0 || searchFrom + end + EndRecordSize > archive.Length)
        {
            return null;
        }

        end += searchFrom;
        ulong claimed = Math.Max(
            BinaryPrimitives.ReadUInt16LittleEndian(archive[(end + 8)..]), // entries on this disk
            BinaryPrimitives.ReadUInt16LittleEndian(archive[(end + 10)..])); // entries in all
        if (claimed == ushort.MaxValue && end >= LocatorSize && archive[(end - LocatorSize)..].StartsWith("PK\u0006\u0007"u8))
        {
            // Too many for 16 bits: the count is in the zip64 end record, which the locator just before points to.
            var zip64End = BinaryPrimitives.ReadUInt64LittleEndian(archive[(end - LocatorSize + 8)..]);
            if (zip64End <= (ulong)(archive.Length - Zip64EndRecordSize) && archive[(int)zip64End..].StartsWith("PK\u0006\u0006"u8))
            {
                claimed = Math.Max(
                    BinaryPrimitives.ReadUInt64LittleEndian(archive[((int)zip64End + 24)..]),
                    BinaryPrimitives.ReadUInt64LittleEndian(archive[((int)zip64End + 32)..]));
            }
        }

        return claimed;
    }

    /// <summary>
    /// Every entry name is free of control characters (a NUL among them), relative, and the only entry for its path:
    /// compared as a path and ignoring case, so that a package extracts the same on every file system, and no file may
    /// have the path of a folder another entry needs.
    /// </summary>
    private static void CheckEntryNames(IEnumerable<ZipArchiveEntry> entries)
    {
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var folders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var name = entry.FullName;
            foreach (var c in name)
            {
                if (char.IsControl(c))
                {
                    throw new InvalidDataException($"Entry name '{Printable(name)}' contains a control character (U+{(int)c:X4}).");
                }
            }

            if (name.StartsWith('/') || name.StartsWith('\\') || (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0])))
            {
                throw new InvalidDataException($"Entry '{name}' is an absolute path; entries are relative to the package root.");
            }

            var segments = name.Split('/', '\\').Where(s => s.Length > 0 && s != ".").ToArray();
            var isFolder = name.EndsWith('/') || name.EndsWith('\\');
            if (segments.Length == 0)
            {
                continue; // the root itself
            }

            var path = string.Join('/', segments);
            if (files.TryGetValue(path, out var other) || (!isFolder && folders.TryGetValue(path, out other)))
            {
                throw new InvalidDataException(string.Equals(other, name, StringComparison.Ordinal)
                    ? $"Entry '{name}' appears more than once in the package."
                    : $"Entries '{other}' and '{name}' name the same path.");
            }

            if (!isFolder)
            {
                files[path] = name;
            }

            for (var depth = isFolder ? segments.Length : segments.Length - 1; depth > 0; depth--)
            {
                var folder = string.Join('/', segments, 0, depth);
                if (files.TryGetValue(folder, out var file))
                {
                    throw new InvalidDataException($"Entries '{file}' and '{name}' name the same path ('{file}' is a file, '{name}' needs it as a folder).");
                }

                if (!folders.TryAdd(folder, name))
                {
                    break; // its own parents were checked and added with it
                }
            }
        }
    }

    private static string Printable(string name)
    {
        var printable = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                printable.Append($"\\u{(int)c:X4}");
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.ToString();
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
