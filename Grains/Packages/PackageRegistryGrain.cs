using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Packages;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Grains.Options;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Packages;

/// <summary>
/// Accepts deploys (validate, store by digest, record a new version) and rollbacks, keeps every version durably, and
/// pushes each change to every silo's catalog copy before answering, so the next invocation anywhere sees it.
/// Requests are handled one at a time (a non-reentrant grain), which orders versions.
/// </summary>
internal sealed partial class PackageRegistryGrain(
    [PersistentState("packages", HarvestStorage.ProviderName)] IPersistentState<PackageRegistryState> state,
    IPackageStore store,
    PackageFunctionLoader loader,
    IReservedFunctionNames registered,
    IOptions<PackageOptions> options,
    TimeProvider time,
    ILogger<PackageRegistryGrain> logger) : Grain, IPackageRegistryGrain
{
    private PackageCatalog? _catalog;

    public async Task<DeployResult> DeployAsync(byte[] archive, string? expectedDigest)
    {
        var limits = loader.Limits;
        if (archive.LongLength > limits.MaxPackageBytes)
        {
            return Refuse($"The package is {archive.LongLength} bytes, over the limit of {limits.MaxPackageBytes}.");
        }

        var digest = PackageDigest.Of(archive);
        if (expectedDigest is not null && !string.Equals(expectedDigest, digest, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse($"Digest mismatch: the package received has SHA-256 {digest}, the deploy expected {expectedDigest}.");
        }

        string package;
        PackagedFunction[] functions;
        var inspector = new PackageInspector(limits, options.Value.WorkDirectory);
        try
        {
            // Extracting and loading is blocking work: keep it off the grain scheduler.
            (package, functions) = await Task.Run(() => inspector.Inspect(archive, digest, version: "?"));
        }
        catch (PackageRejectedException ex)
        {
            return Refuse(ex.Message);
        }

        if (state.State.Versions.FirstOrDefault(v => v.Package == package && v.Digest == digest) is { } same)
        {
            return new DeployResult { Version = same, Unchanged = true };
        }

        foreach (var function in functions)
        {
            if (registered.Contains(function.Spec.Name))
            {
                return Refuse($"Function '{function.Spec.Name}' is registered in-process on the silos; a package cannot replace it.");
            }

            var owner = state.State.Versions.LastOrDefault(v => v.Functions.Any(f => f.Spec.Name == function.Spec.Name))?.Package;
            if (owner is not null && owner != package)
            {
                return Refuse($"Function '{function.Spec.Name}' belongs to package '{owner}'.");
            }
        }

        var version = (state.State.Versions.Where(v => v.Package == package).Select(v => int.Parse(v.Version)).DefaultIfEmpty(0).Max() + 1).ToString();
        if (!await store.ExistsAsync(digest, CancellationToken.None))
        {
            await store.PutAsync(digest, archive, CancellationToken.None);
        }

        var deployed = new PackageVersion
        {
            Package = package,
            Version = version,
            Digest = digest,
            SizeBytes = archive.LongLength,
            DeployedAt = time.GetUtcNow(),
            Functions = [.. functions.Select(f => f with { Spec = f.Spec with { Version = version } })],
        };
        state.State.Versions.Add(deployed);
        state.State.Current[package] = version;
        await CommitAsync();
        LogDeployed(package, version, digest, archive.LongLength);
        return new DeployResult { Version = deployed };
    }

    public async Task<DeployResult> RollbackAsync(string package, string? version)
    {
        var versions = state.State.Versions.Where(v => v.Package == package).ToList();
        if (versions.Count == 0 || !state.State.Current.TryGetValue(package, out var current))
        {
            return Refuse($"Package '{package}' has never been deployed.");
        }

        PackageVersion? target;
        if (version is null)
        {
            var index = versions.FindIndex(v => v.Version == current);
            target = index > 0 ? versions[index - 1] : null;
            if (target is null)
            {
                return Refuse($"Package '{package}' has no version before v{current} to roll back to.");
            }
        }
        else
        {
            target = versions.FirstOrDefault(v => v.Version == version);
            if (target is null)
            {
                return Refuse($"Package '{package}' has no version '{version}' (it has {string.Join(", ", versions.Select(v => v.Version))}).");
            }
        }

        state.State.Current[package] = target.Version;
        await CommitAsync();
        LogRolledBack(package, current, target.Version);
        return new DeployResult { Version = target };
    }

    public Task<PackageCatalog> GetCatalogAsync() => Task.FromResult(_catalog ??= new PackageCatalog
    {
        Generation = state.State.Generation,
        Versions = [.. state.State.Versions],
        Current = new Dictionary<string, string>(state.State.Current, StringComparer.Ordinal),
    });

    private async Task CommitAsync()
    {
        state.State.Generation++;
        _catalog = null;
        await state.WriteStateAsync();
        await PushAsync();
    }

    /// <summary>Gives every live silo the new catalog; a silo that does not answer in time catches up on its own.</summary>
    private async Task PushAsync()
    {
        var catalog = await GetCatalogAsync();
        var hosts = await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        await Task.WhenAll(hosts.Keys.Select(async silo =>
        {
            try
            {
                await GrainFactory.GetGrain<ISiloAgentGrain>(silo.ToParsableString()).ApplyPackagesAsync(catalog).WaitAsync(options.Value.PushTimeout);
            }
            catch (Exception ex)
            {
                LogPushFailed(silo, ex);
            }
        }));
    }

    private DeployResult Refuse(string reason)
    {
        LogRefused(reason);
        return DeployResult.Refused(reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed package {Package} v{Version} ({Digest}, {Bytes} bytes)")]
    private partial void LogDeployed(string package, string version, string digest, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rolled package {Package} back from v{From} to v{To}")]
    private partial void LogRolledBack(string package, string from, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a package: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} did not take the new package catalog in time; it will catch up by itself")]
    private partial void LogPushFailed(SiloAddress silo, Exception exception);
}
