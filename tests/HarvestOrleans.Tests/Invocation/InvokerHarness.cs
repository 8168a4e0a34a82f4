using HarvestOrleans.Grains.Infrastructure;
using System.Net;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Diagnostics;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Functions;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Invocations;
using HarvestOrleans.Grains.Options;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;

namespace HarvestOrleans.Tests.Invocation;

/// <summary>
/// One <see cref="FunctionInvoker"/> outside any cluster: a catalog the test controls, in-process functions, and the
/// invoker's own admission queue, so races between its steps can be driven in a chosen order.
/// </summary>
internal sealed class InvokerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly Dictionary<string, FunctionRegistration> _functions = new(StringComparer.Ordinal);

    /// <param name="time">The clock of the invoker's queue waits (the warm pool keeps the system clock).</param>
    /// <param name="measureResources">The invoker's <see cref="InvokerOptions.MeasureResources"/>.</param>
    public InvokerHarness(double cores, TimeSpan maxQueueWait, TimeProvider? time = null, int queueCapacity = 10_000, bool measureResources = InvokerOptions.DEFAULT_MEASURE_RESOURCES)
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var clock = time ?? TimeProvider.System;
        Pool = new WarmPool(_services, Microsoft.Extensions.Options.Options.Create(new WarmPoolOptions { SweepInterval = TimeSpan.FromHours(1) }), TimeProvider.System, NullLogger<WarmPool>.Instance);
        var vm = new VmIdentity(Microsoft.Extensions.Options.Options.Create(new HarvestVmOptions { VmId = "vm-test", Cores = cores }), new LocalSilo());
        Invoker = new FunctionInvoker(
            new Catalog(this),
            Pool,
            Microsoft.Extensions.Options.Options.Create(new InvokerOptions { MaxQueueWait = maxQueueWait, QueueCapacity = queueCapacity, MeasureResources = measureResources }),
            vm,
            new HarvestMetrics(_services.GetRequiredService<IMeterFactory>()),
            NullLoggerFactory.Instance,
            clock);
    }

    public FunctionInvoker Invoker { get; }

    public WarmPool Pool { get; }

    /// <summary>When set, every catalog lookup waits for it first (a lookup that is slow, e.g. a package download).</summary>
    public Task? CatalogGate { get; set; }

    /// <summary>Completes as a lookup starts waiting on <see cref="CatalogGate"/>.</summary>
    public TaskCompletionSource LookupStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(FunctionSpec spec, IHarvestFunction function) => _functions[spec.Name] = new FunctionRegistration(spec, _ => function);

    public Task<InvocationRecord> InvokeAsync(string function) =>
        Invoker.InvokeAsync(new InvocationRequest { InvocationId = Guid.NewGuid(), Function = function });

    public async ValueTask DisposeAsync()
    {
        await Invoker.DisposeAsync();
        await Pool.DisposeAsync();
        await _services.DisposeAsync();
    }

    private sealed class Catalog(InvokerHarness harness) : IFunctionCatalog
    {
        public async ValueTask<FunctionRegistration?> FindAsync(string name, string? version)
        {
            if (harness.CatalogGate is { } gate)
            {
                harness.LookupStarted.TrySetResult();
                await gate;
            }

            return harness._functions.GetValueOrDefault(name);
        }
    }

    private sealed class LocalSilo : ILocalSiloDetails
    {
        public string Name => "silo-test";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress { get; } = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);

        public SiloAddress GatewayAddress => SiloAddress;
    }
}

/// <summary>A function that returns at once (after yielding once).</summary>
internal sealed class QuickFunction : IHarvestFunction
{
    public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return FunctionPayload.Empty;
    }
}

/// <summary>A function that runs until its test lets it end.</summary>
internal sealed class GatedFunction : IHarvestFunction
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _release.TrySetResult();

    public async Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        await _release.Task.WaitAsync(cancellationToken);
        return FunctionPayload.Empty;
    }
}
