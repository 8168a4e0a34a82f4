using HarvestOrleans.Grains.Infrastructure;
using System.Diagnostics;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Diagnostics;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Functions;
using HarvestOrleans.Invocations;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Routing;
using HarvestOrleans.Grains.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>
/// This silo's invoker: runs invocations within the VM's current cores and turns every outcome into a record.
/// Everything here runs off the grain scheduler (ConfigureAwait(false)) so that one invoker activation is never the
/// bottleneck of its VM. It keeps the VM's state and hands each concern to its own collaborator: admission
/// (<see cref="InvocationAdmitter"/>), execution (<see cref="FunctionExecutor"/>, with <see cref="InvocationDeadline"/>
/// for timeouts), records (<see cref="InvocationRecordBuilder"/>), sampling (<see cref="VmLoadSampler"/>,
/// <see cref="FunctionUsageAccumulator"/>) and eviction (<see cref="EvictionSignal"/>).
/// </summary>
public sealed partial class FunctionInvoker : IAsyncDisposable
{
    private readonly HarvestMetrics _metrics;
    private readonly ILogger _logger;
    private readonly InvocationAdmitter _admitter;
    private readonly FunctionExecutor _executor;
    private readonly VmLoadSampler _load;
    private readonly FunctionUsageAccumulator _usage = new();
    private readonly VmCpuMeter _cpu = new();
    private readonly EvictionSignal _eviction = new();
    private readonly ResourceManager _resources;
    private readonly FunctionPreWarmer _preWarmer;
    private readonly bool _measured;
    private volatile VmState _state = VmState.Active;

    public FunctionInvoker(
        IFunctionCatalog catalog,
        WarmPool instances,
        IOptions<InvokerOptions> options,
        VmIdentity vm,
        HarvestMetrics metrics,
        ILoggerFactory loggerFactory,
        TimeProvider time,
        ResourceManager? resources = null,
        FunctionCallRouter? calls = null)
    {
        var invokerOptions = options.Value;
        _resources = resources ?? ResourceManager.Default();
        _measured = invokerOptions.MeasureResources && ThreadCpuClock.IsSupported;
        _metrics = metrics;
        _logger = loggerFactory.CreateLogger<FunctionInvoker>();
        VmId = vm.VmId;
        Admission = new AdmissionQueue(vm.InitialCores, invokerOptions.QueueCapacity);
        _admitter = new InvocationAdmitter(VmId, vm.MemoryMb, () => _state, catalog, Admission, _resources, invokerOptions, time);
        _executor = new FunctionExecutor(VmId, Admission, instances, _eviction, _cpu, invokerOptions, loggerFactory, _logger, calls);
        _preWarmer = new FunctionPreWarmer(catalog, instances, Admission, () => _state, metrics, time);
        _load = new VmLoadSampler(Admission, () => instances.WarmFunctions, invokerOptions.PeakWindowReports, _cpu, time);
        if (invokerOptions.MeasureResources && !ThreadCpuClock.IsSupported)
        {
            LogCpuNotMeasured(VmId, System.Runtime.InteropServices.RuntimeInformation.OSDescription);
        }

        _metrics.ObserveVm(VmId, () => Admission.Cores, () => Admission.CoresInUse, () => Admission.QueueLength);
    }

    public string VmId { get; }

    public VmState State => _state;

    public AdmissionQueue Admission { get; }

    /// <summary>What decides each invocation's cores and memory here, and the measured history it decides from.</summary>
    public ResourceManager Resources => _resources;

    /// <summary>
    /// Applies the VM's cores and state. Leaving Active closes admission before anything else: once this returns nothing
    /// more is admitted (not even a request that passed the state check earlier and is still looking up its function),
    /// waiting invocations are turned away, and <see cref="AdmissionQueue.Running"/> only falls, so a drain that sees
    /// it at zero has nothing left to wait for on this invoker. Active opens admission again.
    /// </summary>
    public void ApplyVmState(double cores, VmState state)
    {
        if (state != VmState.Active)
        {
            // Waiting invocations never ran: turn them away now so their callers route elsewhere at once.
            Admission.Close(new AdmissionCancelledException($"VM '{VmId}' is {state} and takes no new invocations."));
        }

        Admission.Resize(cores);
        if (_state != state)
        {
            LogStateChanged(VmId, _state, state);
        }

        _state = state;
        if (state == VmState.Active)
        {
            Admission.Open();
        }
    }

    /// <summary>
    /// The VM is going away now: every invocation still running ends with an Evicted record (its caller retries it
    /// elsewhere if the function is idempotent). Its function's token is cancelled too.
    /// </summary>
    public void EvictRunning()
    {
        LogEvictingRunning(VmId, Admission.Running);
        _eviction.Evict();
    }

    public async Task<InvocationRecord> InvokeAsync(InvocationRequest request)
    {
        var received = Stopwatch.GetTimestamp();
        var (admitted, refusal) = await _admitter.AdmitAsync(request, received).ConfigureAwait(false);
        InvocationRecord record;
        if (refusal is not null)
        {
            record = refusal;
        }
        else
        {
            record = await _executor.ExecuteAsync(request, admitted!.Registration, admitted.Grant, admitted.Ticket, admitted.QueueWaitMs).ConfigureAwait(false);
            _resources.Record(admitted.Registration.Key, admitted.Grant, record, _measured);
        }

        _metrics.RecordInvocation(record);
        _usage.Record(request, record);
        return record;
    }

    /// <summary>Warms <paramref name="function"/> here ahead of traffic, yielding to work (see <see cref="FunctionPreWarmer"/>).</summary>
    public Task<PreWarmOutcome> PreWarmAsync(string function, DateTimeOffset until) => _preWarmer.PreWarmAsync(function, until);

    /// <summary>The recent rate (per second) of each of <paramref name="functions"/> on this VM, from its usage reports.</summary>
    public KeyValuePair<string, double>[] RecentRates(IEnumerable<string> functions) => _usage.Rates.Of(functions, Environment.TickCount64);

    /// <summary>CPU time all invocations' work on this VM has used so far (see <see cref="VmCpuMeter"/>).</summary>
    public TimeSpan MeasuredCpuTime => TimeSpan.FromTicks(_cpu.TotalNanoseconds / 100);

    /// <summary>The VM's load now, with the peak over the last few report intervals.</summary>
    public VmLoad SampleLoad() => _load.Sample();

    public IReadOnlyList<(string Function, FunctionUsageReport Report)> DrainUsage() => _usage.Drain(VmId);

    public static string NotFoundMessage(string function, string? version) => InvocationRecordBuilder.NotFoundMessage(function, version);

    public ValueTask DisposeAsync() => Admission.DisposeAsync();
}
