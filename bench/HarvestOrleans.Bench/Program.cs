using HarvestOrleans.Bench;

// dotnet run -c Release --project bench/HarvestOrleans.Bench -- overhead [--quick]
var quick = args.Contains("--quick");
return args.FirstOrDefault(a => !a.StartsWith("--")) switch
{
    "overhead" or null => await OverheadBenchmark.RunAsync(quick),
    var other => Usage(other),
};

static int Usage(string name)
{
    Console.Error.WriteLine($"Unknown benchmark '{name}'. Available: overhead [--quick].");
    return 2;
}
