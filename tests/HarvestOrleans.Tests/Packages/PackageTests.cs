using HarvestOrleans.GrainInterfaces;
using HarvestOrleans.Invocations;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Packaging;
using HarvestOrleans.Tests.Infrastructure;

namespace HarvestOrleans.Tests.Packages;

/// <summary>Deploy, cold and warm starts, versions, rollback, refusals and unloading, run against each package store.</summary>
[Trait("Category", "External")]
public abstract class PackageTests<TFixture>(TFixture fixture) where TFixture : PackageClusterFixture
{
    protected TFixture Fixture { get; } = fixture;

    protected static string NewPackageName(string purpose) => $"{purpose}-{Guid.NewGuid().ToString("N")[..8]}";

    protected async Task<PackageVersion> DeployAsync(byte[] archive)
    {
        var result = await Fixture.Operator.DeployAsync(archive);
        Assert.True(result.Accepted, result.Error);
        return result.Version!;
    }

    protected async Task<(InvocationRecord Record, VersionReply Reply)> InvokeAsync(string function, string? version = null, int waitMs = 0)
    {
        var record = await Fixture.Client.InvokeJsonAsync(function, new { waitMs }, version);
        Assert.True(record.IsSuccess, $"{record.Status}: {record.Error}");
        return (record, record.ReadOutput<VersionReply>()!);
    }

    [Fact]
    public async Task A_deployed_function_starts_cold_once_then_runs_warm()
    {
        var package = NewPackageName("coldwarm");
        var deployed = await DeployAsync(await TestPackages.BuildAsync(package));
        Assert.Equal("1", deployed.Version);
        Assert.Equal(PackageDigest.Of(await TestPackages.BuildAsync(package)), deployed.Digest);

        var (cold, coldReply) = await InvokeAsync(TestPackages.FunctionOf(package));
        // Again on the VM where it started cold, through that VM's invoker: where the planner sends a second call is not
        // what this test is about (a routed one could go to another VM and start cold there).
        var invoker = Fixture.Harvest.Grains.GetGrain<IInvokerGrain>(Fixture.Harvest.SiloOf(cold.VmId!).SiloAddress.ToParsableString());
        var warm = await invoker.InvokeAsync(new InvocationRequest { InvocationId = Guid.NewGuid(), Function = TestPackages.FunctionOf(package), Payload = "{\"waitMs\":0}"u8.ToArray() });
        Assert.True(warm.IsSuccess, $"{warm.Status}: {warm.Error}");
        var warmReply = warm.ReadOutput<VersionReply>()!;

        Assert.True(cold.ColdStart);
        Assert.True(cold.InitMs > 0, $"init ms {cold.InitMs}");
        Assert.False(warm.ColdStart);
        Assert.Equal(0, warm.InitMs);
        Assert.Equal(cold.VmId, warm.VmId);
        Assert.Equal("v1", coldReply.Version);
        Assert.Equal($"harvest:{TestPackages.FunctionOf(package)}@1", warmReply.LoadContext);
    }

    [Fact]
    public async Task A_packaged_entity_keeps_its_state_per_id_and_a_plain_function_call_of_it_is_refused()
    {
        var package = NewPackageName("entity");
        await DeployAsync(await TestPackages.BuildAsync(package, f => (f.EntryType, f.Entity, f.Idempotent) = ("HarvestOrleans.TestPackage.TallyEntity", true, false)));
        var entity = TestPackages.FunctionOf(package);

        foreach (var expected in new[] { 1, 2, 3 })
        {
            var record = await Fixture.Client.InvokeEntityJsonAsync(entity, "a", new { waitMs = 0 });
            Assert.True(record.IsSuccess, $"{record.Status}: {record.Error}");
            Assert.Equal(expected, record.ReadOutput<TallyReply>()!.Count);
        }

        Assert.Equal(1, (await Fixture.Client.InvokeEntityJsonAsync(entity, "b", new { waitMs = 0 })).ReadOutput<TallyReply>()!.Count);
        var plain = await Fixture.Client.InvokeJsonAsync(entity, new { waitMs = 0 });
        Assert.Equal((InvocationStatus.Rejected, InvocationErrorTypes.InvalidRequest), (plain.Status, plain.Error?.Type));
    }

    private sealed record TallyReply(int Count, string LastVersion);

    [Fact]
    public async Task Deploying_the_same_bytes_again_makes_no_new_version()
    {
        var archive = await TestPackages.BuildAsync(NewPackageName("same"));
        var first = await DeployAsync(archive);
        var again = await Fixture.Operator.DeployAsync(archive);

        Assert.True(again.Unchanged);
        Assert.Equal(first.Version, again.Version!.Version);
    }

    [Fact]
    public async Task A_new_version_deploys_while_the_old_one_runs_and_versions_can_be_pinned_and_rolled_back()
    {
        var package = NewPackageName("versions");
        var function = TestPackages.FunctionOf(package);
        await DeployAsync(await TestPackages.BuildAsync(package));

        var running = InvokeAsync(function, waitMs: 1500);
        await Eventually.WaitUntilAsync(
            async () => (await Fixture.Operator.GetClusterAsync()).Vms.Any(v => v.Load.Running > 0),
            "version 1 is running");
        var v2 = await DeployAsync(await TestPackages.BuildAsync(package, f => f.TimeoutSeconds = 31));
        Assert.Equal("2", v2.Version);

        var (latest, latestReply) = await InvokeAsync(function);
        Assert.Equal("2", latest.Version);
        Assert.Equal("v2", latestReply.Version);

        var (old, oldReply) = await running;
        Assert.Equal("1", old.Version);
        Assert.Equal("v1", oldReply.Version);

        var (pinned, pinnedReply) = await InvokeAsync(function, version: "1");
        Assert.Equal("v1", pinnedReply.Version);
        Assert.Equal($"harvest:{function}@1", pinnedReply.LoadContext);

        var rolledBack = await Fixture.Operator.RollbackAsync(package);
        Assert.True(rolledBack.Accepted, rolledBack.Error);
        Assert.Equal("1", rolledBack.Version!.Version);
        Assert.Equal("v1", (await InvokeAsync(function)).Reply.Version);

        var forward = await Fixture.Operator.RollbackAsync(package, "2");
        Assert.True(forward.Accepted, forward.Error);
        Assert.Equal("v2", (await InvokeAsync(function)).Reply.Version);

        var unknown = await Fixture.Operator.RollbackAsync(package, "9");
        Assert.False(unknown.Accepted);
        Assert.Contains("no version '9'", unknown.Error);
        var missing = await Fixture.Client.InvokeJsonAsync(function, new { waitMs = 0 }, version: "9");
        Assert.Equal(InvocationStatus.NotFound, missing.Status);

        var catalog = await Fixture.Operator.GetPackagesAsync();
        Assert.Equal(["1", "2"], catalog.Versions.Where(v => v.Package == package).Select(v => v.Version));
        Assert.All(catalog.Versions.Where(v => v.Package == package), v => Assert.True(v.SizeBytes > 0 && v.Digest.Length == 64));
    }

    public static TheoryData<string, string> BadPackages
    {
        get
        {
            var packages = new TheoryData<string, string>
            {
                { "corrupt-zip", "not a valid zip archive" },
                { "missing-manifest", "no harvest.json" },
                { "bad-manifest", "harvest.json is not valid" },
                { "missing-entry-type", "is not in 'HarvestOrleans.TestPackage.dll'" },
                { "not-a-function", "is not a function" },
                { "missing-dependency", "Dependency 'HarvestOrleans.TestPackage.Dependency" },
                { "too-large", "over the limit" },
                { "digest-mismatch", "Digest mismatch" },
                { "path-escape", "outside the package folder" },
                { "zip-bomb", "extracted-size limit" },
            };

            // Those the inspector refuses on its own (see PackageRefusalTests), here through a deploy.
            foreach (var row in RefusedPackages.InspectorRefusals)
            {
                packages.Add((string)row[0], (string)row[1]);
            }

            return packages;
        }
    }

    [Theory]
    [MemberData(nameof(BadPackages))]
    public async Task A_bad_package_is_refused_with_its_cause(string kind, string cause)
    {
        var package = NewPackageName(kind);
        string? expectedDigest = null;
        byte[] archive;
        switch (kind)
        {
            case "corrupt-zip":
                var good = await TestPackages.BuildAsync(package);
                archive = good[..(good.Length / 2)];
                break;
            case "missing-manifest":
                archive = RefusedPackages.Zip(("HarvestOrleans.TestPackage.dll", File.ReadAllBytes(Path.Combine(await TestPackages.PublishFolderAsync(), TestPackages.Assembly))));
                break;
            case "bad-manifest":
                archive = RefusedPackages.Zip(("harvest.json", "{ \"package\": "u8.ToArray()));
                break;
            case "missing-entry-type":
                archive = await TestPackages.BuildAsync(package, f => f.EntryType = "HarvestOrleans.TestPackage.Missing");
                break;
            case "not-a-function":
                archive = await TestPackages.BuildAsync(package, f => f.EntryType = "HarvestOrleans.TestPackage.NotAFunction");
                break;
            case "missing-dependency":
                archive = await TestPackages.BuildAsync(package, include: file => file != TestPackages.DependencyAssembly);
                break;
            case "too-large":
                archive = new byte[PackageClusterFixture.MaxPackageBytes + 1];
                Random.Shared.NextBytes(archive);
                break;
            case "digest-mismatch":
                archive = await TestPackages.BuildAsync(package);
                expectedDigest = new string('0', 64);
                break;
            case "path-escape":
                archive = RefusedPackages.AddEntry(await TestPackages.BuildAsync(package), "../escaped.txt", "out"u8.ToArray());
                break;
            case "zip-bomb":
                archive = RefusedPackages.AddEntry(await TestPackages.BuildAsync(package), "bomb.bin", new byte[PackageClusterFixture.MaxExtractedBytes + 1]);
                break;
            default:
                archive = await RefusedPackages.BuildAsync(kind, package);
                break;
        }

        var result = await Fixture.Operator.DeployAsync(archive, expectedDigest);

        Assert.False(result.Accepted);
        Assert.Contains(cause, result.Error);
        Assert.DoesNotContain((await Fixture.Operator.GetPackagesAsync()).Versions, v => v.Package == package);
    }

    [Fact]
    public async Task A_cold_start_that_fails_is_a_failed_record_naming_the_cause_and_the_silo_keeps_serving()
    {
        var package = NewPackageName("tampered");
        var archive = await TestPackages.BuildAsync(package);
        var deployed = await DeployAsync(archive);

        // Someone overwrites the stored package: its digest no longer matches.
        await Fixture.Store.PutAsync(deployed.Digest, await TestPackages.BuildAsync(package, f => f.TimeoutSeconds = 5), CancellationToken.None);
        var failed = await Fixture.Client.InvokeJsonAsync(TestPackages.FunctionOf(package), new { waitMs = 0 });

        Assert.Equal(InvocationStatus.Failed, failed.Status);
        Assert.Equal(InvocationErrorTypes.InitializationFailed, failed.Error!.Type);
        Assert.Contains("failed verification", failed.Error.Message);

        var echo = await Fixture.Client.InvokeAsync("echo", "hi"u8.ToArray());
        Assert.True(echo.IsSuccess, echo.Error?.ToString());

        // A failed cold start is not cached: once the package is whole again, the function runs.
        await Fixture.Store.PutAsync(deployed.Digest, archive, CancellationToken.None);
        var (healed, _) = await InvokeAsync(TestPackages.FunctionOf(package));
        Assert.True(healed.ColdStart);
    }

    [Fact]
    public async Task An_expired_version_is_unloaded_and_its_load_context_collected()
    {
        var package = NewPackageName("unload");
        var function = TestPackages.FunctionOf(package);
        await DeployAsync(await TestPackages.BuildAsync(package));
        var (first, _) = await InvokeAsync(function);
        var loader = Fixture.ServiceOf<PackageFunctionLoader>(first.VmId!);

        await Eventually.WaitUntilAsync(() => loader.UnloadedContext($"{function}@1") is not null, "the keep-alive expired and the version was unloaded");
        var context = loader.UnloadedContext($"{function}@1")!;
        await Collected.WaitAsync(context, "the unloaded load context", TimeSpan.FromSeconds(30));

        var (again, _) = await InvokeAsync(function);
        Assert.True(again.ColdStart);
    }

    public sealed record VersionReply(string Version, string LoadContext);
}

[Trait("Category", "External")]
public sealed class LocalStorePackageTests(LocalStoreCluster fixture) : PackageTests<LocalStoreCluster>(fixture), IClassFixture<LocalStoreCluster>
{
    [Fact]
    public async Task A_function_project_folder_is_published_packaged_and_deployed()
    {
        var project = Path.Combine(RepoPaths.Root, "tests", "packages", "HarvestOrleans.TestPackage");
        var result = await Fixture.Operator.DeployAsync(project);

        Assert.True(result.Accepted, result.Error);
        Assert.Equal("test-package", result.Version!.Package);
        var (record, reply) = await InvokeAsync("pkg-version");
        Assert.Equal(result.Version.Version, record.Version);
        Assert.Equal($"v{result.Version.Version}", reply.Version);
    }
}

[Trait("Category", "External")]
public sealed class BlobStorePackageTests(AzuriteStoreCluster fixture) : PackageTests<AzuriteStoreCluster>(fixture), IClassFixture<AzuriteStoreCluster>;
