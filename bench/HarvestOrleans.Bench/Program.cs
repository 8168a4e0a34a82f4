using HarvestOrleans.Bench;

// dotnet run -c Release --project bench/HarvestOrleans.Bench -- overhead [--quick]
var quick = args.Contains("--quick");
return args.FirstOrDefault(a => !a.StartsWith("--")) switch
{
    "overhead" or null => await OverheadBenchmark.RunAsync(quick),
    "soak" => await OverheadBenchmark.SoakAsync(TimeSpan.FromSeconds(30)), // a steady harvest-only load to attach a profiler to
    var other => Usage(other),
};

static int Usage(string name)
{
    Console.Error.WriteLine($"Unknown benchmark '{name}'. Available: overhead [--quick].");
    return 2;
}
