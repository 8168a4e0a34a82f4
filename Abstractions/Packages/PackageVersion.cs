using HarvestOrleans.Functions;

namespace HarvestOrleans.Packages;

/// <summary>One deployed version of a package: its blob (named by digest) and the functions it provides.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.PackageVersion")]
public sealed record PackageVersion
{
    [Id(0)] public required string Package { get; init; }

    [Id(1)] public required string Version { get; init; }

    /// <summary>Lower-case hex SHA-256 of the package zip: its name in the package store.</summary>
    [Id(2)] public required string Digest { get; init; }

    [Id(3)] public long SizeBytes { get; init; }

    [Id(4)] public DateTimeOffset DeployedAt { get; init; }

    [Id(5)] public PackagedFunction[] Functions { get; init; } = [];
}

/// <summary>A function inside a package version: its spec (with the version) and where its code is.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.PackagedFunction")]
public sealed record PackagedFunction
{
    [Id(0)] public required FunctionSpec Spec { get; init; }

    [Id(1)] public required string Package { get; init; }

    [Id(2)] public required string Digest { get; init; }

    [Id(3)] public required string Assembly { get; init; }

    [Id(4)] public required string EntryType { get; init; }

    public string Key => $"{Spec.Name}@{Spec.Version}";
}

/// <summary>Every deployed version and each package's current one; <see cref="Generation"/> grows with every change.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.PackageCatalog")]
public sealed record PackageCatalog
{
    public static PackageCatalog Empty { get; } = new();

    [Id(0)] public long Generation { get; init; }

    [Id(1)] public PackageVersion[] Versions { get; init; } = [];

    /// <summary>Package name to its current version: what unpinned invocations run. Rollback moves it.</summary>
    [Id(2)] public Dictionary<string, string> Current { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>The answer to a deploy or rollback: the version now current, or why the request was refused.</summary>
[GenerateSerializer, Immutable, Alias("HarvestOrleans.DeployResult")]
public sealed record DeployResult
{
    [Id(0)] public PackageVersion? Version { get; init; }

    /// <summary>Why the request was refused, naming the cause; null when it was accepted.</summary>
    [Id(1)] public string? Error { get; init; }

    /// <summary>The same bytes were deployed before: no new version was made.</summary>
    [Id(2)] public bool Unchanged { get; init; }

    public bool Accepted => Error is null;

    public static DeployResult Refused(string error) => new() { Error = error };
}
