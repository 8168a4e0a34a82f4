using System.CommandLine;
using HarvestOrleans.Bench;
using HarvestOrleans.Bench.Commands;

// dotnet run -c Release --project bench/HarvestOrleans.Bench -- <benchmark> [options]; '--help' after any command lists its options.
var root = new RootCommand("HarvestOrleans benchmarks (run in Release). Each prints its figures and ends with one JSON line holding them.")
{
    new OverheadCommand(), new PipelineCommand(), new EvictionsCommand(), new ColdStartCommand(), new HttpCommand(), new CompareCommand(), new GenerateTracesCommand(), new GenerateAzure2019Command(), new SoakCommand(), new CoresCommand(), new RoutingCostCommand(), new SimulateCommand(), new MeasureFunctionsCommand(), ResourcesCommand.Create(),
};
return await CommandLine.InvokeAsync(root, args);
