using HarvestOrleans.Hosting;
using HarvestOrleans.Silo.Demo;

// "demo": a self-contained tour on a three-VM cluster in this process, then exit.
if (args.Contains("demo"))
{
    return await ClusterDemo.RunAsync();
}

// Otherwise a long-lived silo with the sample functions, its HTTP trigger (port 8080), dashboard and metrics. By default
// the quick start: localhost clustering, in-memory state. With --Harvest:Cluster:Redis=<connection string> it joins a
// multi-process cluster through Redis. Override anything from the command line, e.g. --Harvest:Vm:Cores=8
// --Harvest:Balancing:Policy=JoinShortestQueue; secrets (API keys, connection strings) from the environment instead,
// e.g. Harvest__Http__ApiKeys__0__Key=<key>, since every user of the machine can read a command line.
await HarvestSiloHost.Build(args).RunAsync();
return 0;
