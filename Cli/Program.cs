using System.CommandLine;
using HarvestOrleans.Cli;
using HarvestOrleans.Cli.Commands;

// harvest: invoke functions and operate a HarvestOrleans cluster from the command line. One class per command in Commands/.
var root = new RootCommand("harvest: invoke functions on and operate a HarvestOrleans cluster.")
{
    ConnectionOptions.GatewayPort, ConnectionOptions.Redis, ConnectionOptions.ClusterId,
    new InvokeCommand(), new RecordsCommand(), new LogsCommand(), new StatusCommand(), new ResizeCommand(), new DrainCommand(),
    new EvictCommand(), new RoutingCommand(), new PolicyCommand(), new DeployCommand(), new RollbackCommand(), new PackagesCommand(),
};
return await CommandLine.InvokeAsync(root, args);
