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
        new(Spec("float_operation"), typeof(FloatOperationFunction), () => new FloatOperationFunction(), size => new FloatOperationFunction.Request(N: Linear(2_000_000, size))),
        new(Spec("matmul", cores: 2, memoryMb: 512), typeof(MatrixMultiplyFunction), () => new MatrixMultiplyFunction(), size => new MatrixMultiplyFunction.Request(N: Cubic(300, size))),
        new(Spec("linpack", memoryMb: 512), typeof(LinpackFunction), () => new LinpackFunction(), size => new LinpackFunction.Request(N: Cubic(400, size))),
        new(Spec("pyaes"), typeof(AesFunction), () => new AesFunction(), size => new AesFunction.Request(Iterations: Linear(2_000, size))),
        new(Spec("chameleon"), typeof(ChameleonFunction), () => new ChameleonFunction(), size => new ChameleonFunction.Request(Rows: Linear(200, size))),
        new(Spec("json_dumps_loads"), typeof(JsonFunction), () => new JsonFunction(), size => new JsonFunction.Request(Iterations: Linear(10, size))),
        new(Spec("gzip_compression", memoryMb: 512), typeof(GzipFunction), () => new GzipFunction(), size => new GzipFunction.Request(Kilobytes: Linear(4_096, size))),
        new(Spec("image_processing", memoryMb: 512), typeof(ImageProcessingFunction), () => new ImageProcessingFunction(), size => new ImageProcessingFunction.Request(Height: Linear(768, size))),
        new(Spec("knn"), typeof(KnnFunction), () => new KnnFunction(), size => new KnnFunction.Request(Queries: Linear(400, size))),
        new(Spec("lr_review"), typeof(ReviewClassifierFunction), () => new ReviewClassifierFunction(), size => new ReviewClassifierFunction.Request(Reviews: Linear(20_000, size))),
        new(Spec("synthetic"), typeof(SyntheticFunction), () => new SyntheticFunction(), size => new SyntheticFunction.Request(Ms: 100 * size)),
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

    // An input whose work is `size` times the default's: a linear size scales by it, an n×n×n one by its cube root.
    private static int Linear(int defaultSize, double size) => Math.Max(1, (int)Math.Round(defaultSize * size));

    private static int Cubic(int defaultN, double size) => Math.Max(1, (int)Math.Round(defaultN * Math.Cbrt(size)));

    private static FunctionSpec Spec(string name, double cores = 1, int memoryMb = 256) => new()
    {
        Name = name,
        Cores = cores,
        MemoryMb = memoryMb,
        Timeout = TimeSpan.FromSeconds(60),
        Idempotent = true,
    };
}

/// <summary>
/// One function of the suite: its spec, its type, how to create it, and its input for a given amount of work
/// (<c>InputOfSize(1)</c> is the default input; 2 is about twice the work, as the Freyr workload varies it).
/// </summary>
public sealed record SuiteFunction(FunctionSpec Spec, Type Type, Func<IHarvestFunction> Create, Func<double, object> InputOfSize);
