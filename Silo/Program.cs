using HarvestOrleans.Http;
using HarvestOrleans.Silo;

if (args is ["demo", ..])
{
    return await ClusterDemo.RunAsync(); // a self-contained tour on a three-VM cluster in this process
}

var builder = WebApplication.CreateBuilder(args);
builder.AddHarvestSilo(harvest => harvest.AddSampleFunctionsWhenConfigured());
var app = builder.Build();
app.MapHarvestSilo();
await app.RunAsync();
return 0;
