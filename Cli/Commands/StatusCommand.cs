using System.CommandLine;
using System.Globalization;

namespace HarvestOrleans.Cli.Commands;

/// <summary><c>harvest status</c>: every VM's cores, load, state and price; every function's home VM, rate and worker set.</summary>
internal sealed class StatusCommand : ClusterCommand
{
    public StatusCommand()
        : base("status", "Show every VM's cores, load, state and price, and every function's home VM, rate and worker set.")
    {
    }

    protected override async Task<int> RunAsync(ParseResult parse, ClusterConnection connection, CancellationToken cancellationToken)
    {
        var cluster = await connection.Operator.GetClusterAsync();
        var vms = Output.Table("VM", "STATE", "ROLE", ">CORES", ">IN USE", ">PEAK", ">QUEUE", ">$/CORE-H");
        foreach (var vm in cluster.Vms)
        {
            vms.AddTextRow(vm.VmId, vm.State.ToString(), vm.Role.ToString(), Format(vm.Cores, "0.##"), Format(vm.Load.CoresInUse, "0.##"),
                Format(vm.Load.RecentPeakCores, "0.##"), vm.Load.QueueLength.ToString(CultureInfo.CurrentCulture), Format(vm.PricePerCoreHour, "0.####"));
        }

        Output.Write(vms);
        if (cluster.Functions.Length > 0)
        {
            Console.WriteLine();
            var functions = Output.Table("FUNCTION", "HOME", ">RPS", ">P75 MS", ">REQ CPU", ">CPU LIMIT", "WORKER SET");
            foreach (var f in cluster.Functions)
            {
                functions.AddTextRow(f.Function, f.HomeVmId ?? "", Format(f.Rps, "0.#"), Format(f.ExecutionP75Ms, "0.#"), Format(f.ReqCpu, "0.##"), Format(f.CpuLimit, "0.#"), string.Join(", ", f.WorkerSet));
            }

            Output.Write(functions);
        }

        return 0;
    }

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.CurrentCulture);
}
