using HarvestOrleans.Packages;
using System.Security.Cryptography;

namespace HarvestOrleans.Grains.Packages;

/// <summary>Packages are named by the lower-case hex SHA-256 of their zip.</summary>
public static class PackageDigest
{
    public static string Of(ReadOnlySpan<byte> archive) => Convert.ToHexStringLower(SHA256.HashData(archive));

    public static bool IsValid(string? digest) =>
        digest is { Length: 64 } && digest.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public static string RequireValid(string digest) =>
        IsValid(digest) ? digest : throw new ArgumentException($"'{digest}' is not a lower-case hex SHA-256 digest.", nameof(digest));
}
