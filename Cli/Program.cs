using System.CommandLine;
using System.Text;
using System.Text.Json;
using HarvestOrleans.Cli;
using HarvestOrleans.Cluster;
using HarvestOrleans.Invocations;
using HarvestOrleans.Packages;
using HarvestOrleans.Packaging;

// harvest: invoke functions and operate a HarvestOrleans cluster from the command line.
var gatewayPort = new Option<int>("--gateway-port", "-g")
{
    Description = "Gateway port of a silo on this machine.",
    DefaultValueFactory = _ => 30000,
    Recursive = true,
};

var redis = new Option<string?>("--redis")
{
    Description = "Redis connection string of a multi-process cluster (instead of a gateway on this machine). Default: the HARVEST_REDIS environment variable, which keeps a password off the command line.",
    DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HARVEST_REDIS") is { Length: > 0 } fromEnvironment ? fromEnvironment : null,
    Recursive = true,
};
var clusterId = new Option<string>("--cluster-id")
{
    Description = "Cluster id of a Redis cluster.",
    DefaultValueFactory = _ => "harvest",
    Recursive = true,
};

var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

var function = new Argument<string>("function") { Description = "Function name." };
var data = new Option<string?>("--data", "-d") { Description = "Input: JSON text, or @file to read it from a file." };
var version = new Option<string?>("--version", "-v") { Description = "Pin a function version (default: latest)." };
var submit = new Option<bool>("--async") { Description = "Return at once with the invocation's id; read its record later with 'records <id>'." };
var invoke = new Command("invoke", "Invoke a function and print its invocation record.") { function, data, version, submit };
invoke.SetAction((parse, ct) => RunAsync(parse, ct, async connection =>
{
    var input = parse.GetValue(data) is { } text ? (text.StartsWith('@') ? await File.ReadAllBytesAsync(text[1..], ct) : Encoding.UTF8.GetBytes(text)) : [];
    if (parse.GetValue(submit))
    {
        var accepted = await connection.Client.SubmitAsync(parse.GetValue(function)!, input, parse.GetValue(version));
        Console.WriteLine($"{accepted.Id} {accepted.State}");
        return 0;
    }

    var record = await connection.Client.InvokeAsync(parse.GetValue(function)!, input, parse.GetValue(version), ct);
    Console.WriteLine(JsonSerializer.Serialize(Printable(record), json));
    return record.IsSuccess ? 0 : 1;
}));

var status = new Command("status", "Show every VM's cores, load, state and price, and every function's home VM, rate and worker set.");
status.SetAction((parse, ct) => RunAsync(parse, ct, async connection =>
{
    var cluster = await connection.Operator.GetClusterAsync();
    Console.WriteLine($"{"VM",-12} {"STATE",-9} {"ROLE",-8} {"CORES",6} {"IN USE",7} {"PEAK",6} {"QUEUE",6} {"$/CORE-H",9}");
    foreach (var vm in cluster.Vms)
    {
        Console.WriteLine($"{vm.VmId,-12} {vm.State,-9} {vm.Role,-8} {vm.Cores,6:0.##} {vm.Load.CoresInUse,7:0.##} {vm.Load.RecentPeakCores,6:0.##} {vm.Load.QueueLength,6} {vm.PricePerCoreHour,9:0.####}");
    }

    if (cluster.Functions.Length > 0)
    {
        Console.WriteLine();
        Console.WriteLine($"{"FUNCTION",-20} {"HOME",-12} {"RPS",8} {"P75 MS",8}  WORKER SET");
        foreach (var f in cluster.Functions)
        {
            Console.WriteLine($"{f.Function,-20} {f.HomeVmId,-12} {f.Rps,8:0.#} {f.ExecutionP75Ms,8:0.#}  {string.Join(", ", f.WorkerSet)}");
        }
    }

    return 0;
}));

var vmId = new Argument<string>("vm") { Description = "VM id." };
var cores = new Argument<double>("cores") { Description = "New core count." };
var resize = new Command("resize", "Change a VM's current cores.") { vmId, cores };
resize.SetAction((parse, ct) => RunAsync(parse, ct, async connection =>
{
    var vm = await connection.Operator.ResizeVmAsync(parse.GetValue(vmId)!, parse.GetValue(cores));
    Console.WriteLine($"{vm.VmId}: {vm.Cores} cores, {vm.State}");
    return 0;
}));

var drainVm = new Argument<string>("vm") { Description = "VM id." };
var drain = new Command("drain", "Stop new work reaching a VM; running invocations finish.") { drainVm };
drain.SetAction((parse, ct) => RunAsync(parse, ct, async connection =>
{
    var vm = await connection.Operator.DrainVmAsync(parse.GetValue(drainVm)!);
    Console.WriteLine($"{vm.VmId}: {vm.State}");
    return 0;
}));

var evictVm = new Argument<string>("vm") { Description = "VM id." };
var notice = new Option<double>("--notice")
{
    Description = $"Seconds of notice before the VM goes away, {EvictionNotices.MIN_NOTICE_SECONDS} to {EvictionNotices.MAX_NOTICE_SECONDS} (24 h).",
    DefaultValueFactory = _ => EvictionNotices.DEFAULT_NOTICE_SECONDS,
};
var evict = new Command("evict", "Announce a VM's eviction: it drains, its grains move, its silo stops at the deadline.") { evictVm, notice };
evict.SetAction((parse, ct) =>
{
    // Bad input is the caller's error: say so before connecting, change nothing, exit 2 (as for a parse error).
    if (EvictionNotices.Problem(parse.GetValue(notice)) is { } problem)
    {
        Console.Error.WriteLine($"error: --notice: {problem}");
        return Task.FromResult(2);
    }

    return RunAsync(parse, ct, async connection =>
    {
        var vm = await connection.Operator.EvictVmAsync(parse.GetValue(evictVm)!, EvictionNotices.FromSeconds(parse.GetValue(notice)));
        Console.WriteLine($"{vm.VmId}: {vm.State} until {vm.EvictionDeadline:u}");
        return 0;
    });
});

var routedFunction = new Argument<string>("function") { Description = "Function name." };
var routing = new Command("routing", "Show a function's home VM, worker set and profile.") { routedFunction };
routing.SetAction((parse, ct) => RunAsync(parse, ct, async connection =>
{
    var info = await connection.Operator.GetFunctionRoutingAsync(parse.GetValue(routedFunction)!);
    Console.WriteLine(JsonSerializer.Serialize(info, json));
    return info.Registered ? 0 : 1;
}));

var packagePath = new Argument<string>("path") { Description = "A package zip, a function project folder (.csproj + harvest.json: published first) or a folder with harvest.json and the assemblies." };
var expectedDigest = new Option<string?>("--sha256") { Description = "Refuse the deploy unless the package's SHA-256 is this." };
var deploy = new Command("deploy", "Build (if needed) and deploy a function package as its package's new current version.") { packagePath, expectedDigest };
deploy.SetAction((parse, ct) => RunAsync(parse, ct, async connection =>
{
    var archive = await PackageBuilder.BuildAsync(parse.GetValue(packagePath)!, ct);
    var result = await connection.Operator.DeployAsync(archive, parse.GetValue(expectedDigest));
    return PrintDeploy(result, result.Unchanged ? "unchanged (same bytes as)" : "deployed");
}));

var rollbackPackage = new Argument<string>("package") { Description = "Package name." };
var rollbackVersion = new Option<string?>("--to") { Description = "Version to make current (default: the one before the current)." };
var rollback = new Command("rollback", "Make an earlier (or any) deployed version of a package the current one.") { rollbackPackage, rollbackVersion };
rollback.SetAction((parse, ct) => RunAsync(parse, ct, async connection =>
    PrintDeploy(await connection.Operator.RollbackAsync(parse.GetValue(rollbackPackage)!, parse.GetValue(rollbackVersion)), "current version is")));

var packages = new Command("packages", "List every deployed package version; * marks the current one.");
packages.SetAction((parse, ct) => RunAsync(parse, ct, async connection =>
{
    var catalog = await connection.Operator.GetPackagesAsync();
    Console.WriteLine($"  {"PACKAGE",-20} {"VERSION",7} {"SIZE",10} {"DEPLOYED",-20} {"SHA-256",-16} FUNCTIONS");
    foreach (var v in catalog.Versions)
    {
        var current = catalog.Current.GetValueOrDefault(v.Package) == v.Version ? "*" : " ";
        Console.WriteLine($"{current} {v.Package,-20} {v.Version,7} {v.SizeBytes,10} {v.DeployedAt,-20:yyyy-MM-dd HH:mm:ss} {v.Digest[..16],-16} {string.Join(", ", v.Functions.Select(f => f.Spec.Name))}");
    }

    return 0;
}));

var invocationId = new Argument<Guid>("id") { Description = "Id of an async invocation (from 'invoke --async' or the HTTP trigger's 202)." };
var wait = new Option<bool>("--wait") { Description = "Wait until the invocation has its final record." };
var records = new Command("records", "Show an async invocation: its state and, once it has one, its final record.") { invocationId, wait };
records.SetAction((parse, ct) => RunAsync(parse, ct, async connection =>
{
    var invocation = await FindInvocationAsync(connection, parse.GetValue(invocationId), parse.GetValue(wait), ct);
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        invocation.Id,
        State = invocation.State.ToString(),
        invocation.Function,
        invocation.AcceptedAt,
        invocation.AcceptedBy,
        invocation.Dispatches,
        Record = invocation.Record is null ? null : Printable(invocation.Record),
    }, json));
    return invocation.State == AsyncInvocationState.Unknown ? 1 : 0;
}));

var logsId = new Argument<Guid>("id") { Description = "Id of an async invocation." };
var logs = new Command("logs", "Print the log lines an async invocation's function wrote.") { logsId, wait };
logs.SetAction((parse, ct) => RunAsync(parse, ct, async connection =>
{
    var invocation = await FindInvocationAsync(connection, parse.GetValue(logsId), parse.GetValue(wait), ct);
    if (invocation.Record is not { } record)
    {
        Console.Error.WriteLine(invocation.State == AsyncInvocationState.Unknown ? $"no async invocation {invocation.Id}" : $"{invocation.Id} is {invocation.State}: no final record yet");
        return 1;
    }

    foreach (var line in record.Logs)
    {
        Console.WriteLine(line);
    }

    return 0;
}));

var policyShow = new Command("show", "Show the cluster's balancing and eviction policy.");
policyShow.SetAction((parse, ct) => RunAsync(parse, ct, async connection =>
{
    PrintPolicy(await connection.Operator.GetPolicyAsync());
    return 0;
}));
var balancing = new Option<string?>("--balancing") { Description = "MinWorkerSet, JoinShortestQueue or OpenWhiskHash." };
var eviction = new Option<string?>("--eviction") { Description = "LiveAndLetDie, NoFailures or BoundedFailures." };
var policySet = new Command("set", "Switch the cluster's balancing and/or eviction policy (every FunctionGrain replans with it).") { balancing, eviction };
policySet.SetAction((parse, ct) => RunAsync(parse, ct, async connection =>
{
    if (parse.GetValue(balancing) is null && parse.GetValue(eviction) is null)
    {
        Console.Error.WriteLine("error: give --balancing and/or --eviction");
        return 1;
    }

    PrintPolicy(await connection.Operator.SetPolicyAsync(parse.GetValue(balancing), parse.GetValue(eviction)));
    return 0;
}));
var policy = new Command("policy", "Show or set the cluster's balancing and eviction policy.") { policyShow, policySet };

var root = new RootCommand("harvest: invoke functions on and operate a HarvestOrleans cluster.") { gatewayPort, redis, clusterId, invoke, records, logs, status, resize, drain, evict, routing, policy, deploy, rollback, packages };
return await root.Parse(args).InvokeAsync();

async Task<int> RunAsync(ParseResult parse, CancellationToken ct, Func<ClusterConnection, Task<int>> action)
{
    try
    {
        await using var connection = await ClusterConnection.ConnectAsync(parse.GetValue(gatewayPort), parse.GetValue(redis), parse.GetValue(clusterId)!, ct);
        return await action(connection);
    }
    catch (ClusterUnreachableException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return 2;
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return 1;
    }
}

static async Task<AsyncInvocation> FindInvocationAsync(ClusterConnection connection, Guid id, bool wait, CancellationToken ct)
{
    var invocation = await connection.Operator.GetInvocationAsync(id);
    while (wait && invocation.State is AsyncInvocationState.Accepted or AsyncInvocationState.Running)
    {
        await Task.Delay(200, ct);
        invocation = await connection.Operator.GetInvocationAsync(id);
    }

    return invocation;
}

static void PrintPolicy(HarvestOrleans.Routing.PolicySelection selection) =>
    Console.WriteLine($"balancing: {selection.Balancing ?? "as configured on each silo"}\neviction:  {selection.Eviction ?? "as configured on each silo"}\n(version {selection.Version}{(selection.Version > 0 ? $", changed {selection.ChangedAt:u}" : "")})");

static int PrintDeploy(DeployResult result, string verb)
{
    if (!result.Accepted)
    {
        Console.Error.WriteLine($"refused: {result.Error}");
        return 1;
    }

    var v = result.Version!;
    Console.WriteLine($"{v.Package}: {verb} v{v.Version} ({v.SizeBytes} bytes, sha256 {v.Digest}); functions: {string.Join(", ", v.Functions.Select(f => f.Spec.Name))}");
    return 0;
}

// The record with its output shown as text (JSON outputs stay readable).
static object Printable(InvocationRecord record) => new
{
    record.Id,
    record.Function,
    record.Version,
    Status = record.Status.ToString(),
    Output = record.Output is null ? null : Encoding.UTF8.GetString(record.Output),
    record.Error,
    record.VmId,
    record.QueueWaitMs,
    record.InitMs,
    record.ExecutionMs,
    record.LatencyMs,
    record.ColdStart,
    record.Attempts,
    record.Overload,
    record.Logs,
};
