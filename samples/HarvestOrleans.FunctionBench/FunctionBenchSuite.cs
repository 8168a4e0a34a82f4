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
        new(Spec("synthetic"), typeof(SyntheticFunction), () => new SyntheticFunction()),
    ];

    /// <summary>
    /// The paper's closed-loop mix (image_process 5, mobilenet 5, video_process 5, lr_review 5, chameleon 5, pyaes 5,
    /// float_op 2, linpack 1, matmult 1) on this suite: knn stands in for mobilenet (model inference) and
    /// gzip_compression for video_process (a stream of bytes).
    /// </summary>
    public static IReadOnlyDictionary<string, double> PaperMix { get; } = new Dictionary<string, double>
    {
        ["image_processing"] = 5,
        ["knn"] = 5,
        ["gzip_compression"] = 5,
        ["lr_review"] = 5,
        ["chameleon"] = 5,
        ["pyaes"] = 5,
        ["float_operation"] = 2,
        ["linpack"] = 1,
        ["matmul"] = 1,
    };

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
