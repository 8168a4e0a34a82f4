using HarvestOrleans.Hosting;
using HarvestOrleans.Http;
using HarvestOrleans.Samples;
using Microsoft.AspNetCore.Builder;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>The silo program's composition (Silo/Program.cs), with the sample functions, from a command line.</summary>
public static class SiloApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddHarvestSilo(harvest => harvest.AddFunctions(SampleFunctions.All));
        var app = builder.Build();
        app.MapHarvestSilo();
        return app;
    }
}
