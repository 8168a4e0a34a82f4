using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Grains.Provisioning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Hosting.Provisioning;

/// <summary>
/// Provisions VMs as new silo processes on this machine: the same silo program with this silo's own command line
/// (so the same cluster, Redis, keys and policies), a new VM id, free ports and <see cref="ProcessProvisionerOptions.CoresPerVm"/>
/// cores. Each child writes <c>&lt;vm&gt;.log</c> and <c>&lt;vm&gt;.pid</c> into the provisioner folder and outlives this
/// silo. A cloud provisioner implements <see cref="IVmProvisioner"/> the same way and asks its API for Harvest VMs instead.
/// </summary>
internal sealed partial class ProcessVmProvisioner(IOptions<ProcessProvisionerOptions> options, ILogger<ProcessVmProvisioner> logger) : IVmProvisioner
{
    public Task<string> ProvisionAsync(double cores, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var folder = HarvestFolders.CreatePrivate(o.Folder ?? ProcessProvisionerOptions.DefaultFolder);
        var count = (int)Math.Ceiling(cores / o.CoresPerVm);
        var started = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (siloPort, gatewayPort, httpPort) = (FreePort(), FreePort(), FreePort());
            var vmId = $"vm-p{siloPort}";
            var arguments = SiloCommandLine()
                .Concat([$"--Silo:Port={siloPort}", $"--Silo:GatewayPort={gatewayPort}", $"--Harvest:Http:Port={httpPort}",
                    $"--Harvest:Vm:VmId={vmId}", $"--Harvest:Vm:Cores={o.CoresPerVm}"]);
            var log = Path.Combine(folder, $"{vmId}.log");
            // Through a shell so the child's output goes to its own file and it does not depend on this process's pipes.
            var start = new ProcessStartInfo("/bin/sh")
            {
                ArgumentList = { "-c", $"exec {string.Join(' ', arguments.Select(Quote))} > {Quote(log)} 2>&1" },
                UseShellExecute = false,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start a silo process.");
            File.WriteAllText(Path.Combine(folder, $"{vmId}.pid"), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            LogStarted(vmId, process.Id, o.CoresPerVm, log);
            started.Add($"{vmId} (pid {process.Id}, {o.CoresPerVm} cores, HTTP {httpPort})");
        }

        return Task.FromResult(string.Join(", ", started));
    }

    /// <summary>This silo's own program and arguments (under <c>dotnet</c>, the entry assembly follows the host).</summary>
    private static IEnumerable<string> SiloCommandLine()
    {
        var args = Environment.GetCommandLineArgs();
        var program = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(program) == "dotnet"
            ? [program, .. args]
            : [program, .. args.Skip(1)];
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioned VM {VmId}: silo process {Pid} with {Cores} cores (log {Log})")]
    private partial void LogStarted(string vmId, int pid, double cores, string log);
}
