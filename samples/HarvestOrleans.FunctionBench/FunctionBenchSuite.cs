using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionBench;

/// <summary>
/// The suite's functions with their specs, for registering in-process; <c>harvest.json</c> lists the same functions
/// for deploying the suite as a package (a test keeps the two in step).
/// </summary>
public static class FunctionBenchSuite
{
    public const string PackageName = "functionbench";

    public static IReadOnlyList<SuiteFunction> All { get; } =
    [
        new(Spec("float_operation"), typeof(FloatOperationFunction), () => new FloatOperationFunction()),
        new(Spec("matmul", cores: 2, memoryMb: 512), typeof(MatrixMultiplyFunction), () => new MatrixMultiplyFunction()),
        new(Spec("linpack", memoryMb: 512), typeof(LinpackFunction), () => new LinpackFunction()),
        new(Spec("pyaes"), typeof(AesFunction), () => new AesFunction()),
        new(Spec("chameleon"), typeof(ChameleonFunction), () => new ChameleonFunction()),
        new(Spec("json_dumps_loads"), typeof(JsonFunction), () => new JsonFunction()),
        new(Spec("gzip_compression", memoryMb: 512), typeof(GzipFunction), () => new GzipFunction()),
        new(Spec("image_processing", memoryMb: 512), typeof(ImageProcessingFunction), () => new ImageProcessingFunction()),
        new(Spec("knn"), typeof(KnnFunction), () => new KnnFunction()),
        new(Spec("lr_review"), typeof(ReviewClassifierFunction), () => new ReviewClassifierFunction()),
    ];

    private static FunctionSpec Spec(string name, double cores = 1, int memoryMb = 256) => new()
    {
        Name = name,
        Cores = cores,
        MemoryMb = memoryMb,
        Timeout = TimeSpan.FromSeconds(60),
        Idempotent = true,
    };
}

/// <summary>One function of the suite: its spec, its type and how to create it.</summary>
public sealed record SuiteFunction(FunctionSpec Spec, Type Type, Func<IHarvestFunction> Create);
