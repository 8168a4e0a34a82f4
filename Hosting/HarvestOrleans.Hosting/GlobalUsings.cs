global using Microsoft.Extensions.DependencyInjection;
global using Orleans;
global using Orleans.Hosting;
global using Orleans.Runtime;
global using Orleans.Configuration;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.Options;
