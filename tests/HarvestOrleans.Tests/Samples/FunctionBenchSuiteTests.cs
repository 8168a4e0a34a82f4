using System.Diagnostics;
using System.Text.Json;
using HarvestOrleans.FunctionBench;
using HarvestOrleans.Functions;
using HarvestOrleans.Packages;
using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace HarvestOrleans.Tests.Samples;

[Trait("Category", "Cluster")]
public sealed class FunctionBenchSuiteTests(ITestOutputHelper output)
{
    public static TheoryData<string> Functions => [.. FunctionBenchSuite.All.Select(f => f.Spec.Name)];

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Each_function_does_its_work_on_default_input(string name)
    {
        var (function, instance, context) = await InitializedAsync(name);

        var started = Stopwatch.GetTimestamp();
        var result = await instance.InvokeAsync(FunctionPayload.Empty, context, CancellationToken.None);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var again = await instance.InvokeAsync(FunctionPayload.Empty, context, CancellationToken.None);

        output.WriteLine($"{name}: {elapsed.TotalMilliseconds:0} ms -> {result.AsString()}");
        using var json = JsonDocument.Parse(result.Bytes);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        if (name is not ("linpack" or "synthetic")) // these report what they measured (Mflops, spins)
        {
            Assert.Equal(result.AsString(), again.AsString()); // deterministic: same input, same answer
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public async Task Each_functions_input_of_size_one_is_its_default_and_other_sizes_are_other_work(string name)
    {
        var (function, instance, context) = await InitializedAsync(name);
        async Task<string> RunAsync(double size) =>
            (await instance.InvokeAsync(FunctionPayload.FromJson(function.InputOfSize(size)), context, CancellationToken.None)).AsString();

        var defaults = (await instance.InvokeAsync(FunctionPayload.Empty, context, CancellationToken.None)).AsString();
        var (one, small) = (await RunAsync(1), await RunAsync(0.25));

        if (name is not ("linpack" or "synthetic")) // these report what they measured (Mflops, spins)
        {
            Assert.Equal(defaults, one);
            Assert.NotEqual(defaults, small); // a quarter of the work: another input, another answer
        }

        Assert.Equal(function.InputOfSize(1).GetType(), function.InputOfSize(4).GetType());
    }

    /// <summary>The suite function <paramref name="name"/>, an initialised instance of it, and a context on its declared cores.</summary>
    private static async Task<(SuiteFunction Function, IHarvestFunction Instance, FunctionContext Context)> InitializedAsync(string name)
    {
        var function = FunctionBenchSuite.All.Single(f => f.Spec.Name == name);
        var instance = function.Create();
        await instance.InitializeAsync(CancellationToken.None);
        return (function, instance, new FunctionContext(Guid.NewGuid(), function.Spec, "vm", (int)function.Spec.Cores, DateTimeOffset.UtcNow.AddMinutes(1), NullLogger.Instance, 1));
    }

    [Fact]
    public async Task The_classifier_and_knn_really_learn()
    {
        var context = new FunctionContext(Guid.NewGuid(), new FunctionSpec { Name = "t" }, "vm", 1, DateTimeOffset.UtcNow.AddMinutes(1), NullLogger.Instance, 1);
        var classifier = new ReviewClassifierFunction();
        await classifier.InitializeAsync(CancellationToken.None);
        var review = (await classifier.InvokeAsync(FunctionPayload.Empty, context, CancellationToken.None)).ReadJson<ReviewClassifierFunction.Response>();
        var knn = (await new KnnFunction().InvokeAsync(FunctionPayload.Empty, context, CancellationToken.None)).ReadJson<KnnFunction.Response>();

        Assert.InRange(review.Accuracy, 0.8, 1.0);
        Assert.InRange(knn.Accuracy, 0.8, 1.0);
    }

    [Fact]
    public void The_package_manifest_lists_the_same_functions_as_the_suite()
    {
        var path = Path.Combine(RepoPaths.Root, "samples", "HarvestOrleans.FunctionBench", PackageManifest.FileName);
        var manifest = PackageManifest.Parse(File.ReadAllBytes(path));

        Assert.Empty(manifest.Validate());
        Assert.Equal(FunctionBenchSuite.PackageName, manifest.Package);
        Assert.Equal(
            FunctionBenchSuite.All.Select(f => (f.Spec.Name, f.Type.FullName, f.Spec.Cores, f.Spec.MemoryMb)),
            manifest.Functions.Select(f => (f.Name, (string?)f.EntryType, f.Cores, f.MemoryMb)));
    }
}
