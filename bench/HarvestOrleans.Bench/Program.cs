using HarvestOrleans.Bench;

// dotnet run -c Release --project bench/HarvestOrleans.Bench -- overhead [--quick]
var quick = args.Contains("--quick");
return args.FirstOrDefault(a => !a.StartsWith("--")) switch
{
    "overhead" or null => await OverheadBenchmark.RunAsync(quick),
    "evictions" => await EvictionBenchmark.RunAsync(quick, Option("--traces"), args.Contains("--verbose")),
    "compare" => await CompareCommand.RunAsync(args),
    "generate-traces" => CompareCommand.GenerateTraces(),
    "http" => await HttpTriggerBenchmark.RunAsync(quick),
    "coldstart" => await ColdStartBenchmark.RunAsync(quick ? 10 : int.Parse(Option("--runs") ?? "30")),
    "soak" => await OverheadBenchmark.SoakAsync(TimeSpan.FromSeconds(30)), // a steady harvest-only load to attach a profiler to
    var other => Usage(other),
};

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static int Usage(string name)
{
    Console.Error.WriteLine($"Unknown benchmark '{name}'. Available: overhead [--quick], evictions [--quick] [--traces FOLDER] [--verbose], coldstart [--quick] [--runs N], http [--quick], compare [options: see CompareCommand.cs], generate-traces.");
    return 2;
}
