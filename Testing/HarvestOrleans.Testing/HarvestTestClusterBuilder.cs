using System.Collections.Concurrent;
using HarvestOrleans.Client;
using HarvestOrleans.Cluster;
using HarvestOrleans.Grains.Cluster;
using HarvestOrleans.Grains.Eviction;
using HarvestOrleans.Hosting;
using HarvestOrleans.Grains.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace HarvestOrleans.Testing;

/// <summary>
/// Builds a <see cref="HarvestTestCluster"/>: a real in-process Orleans cluster (<see cref="InProcessTestCluster"/>)
/// with one silo per Harvest VM, each running <c>UseHarvest</c>, and a client with <c>UseHarvestClient</c>.
/// By default VMs keep state in memory (shared by the cluster's silos in this process, so it survives the eviction or
/// kill of any VM) and use <see cref="HarvestTestTimings.UseFastTestTimings"/>.
/// </summary>
/// <example>
/// <code>
/// await using var cluster = await new HarvestTestClusterBuilder()
///     .AddVms(2, 4)
///     .ConfigureHarvest(harvest => harvest.AddFunction&lt;MyFunction&gt;(MyFunction.Spec))
///     .StartAsync();
/// var record = await cluster.Client.InvokeJsonAsync("my-function", new { n = 1 });
/// </code>
/// </example>
public sealed class HarvestTestClusterBuilder
{
    /// <summary>How long <see cref="StartAsync"/> waits for every VM to register as active, unless told otherwise: 60 seconds.</summary>
    public static readonly TimeSpan DEFAULT_START_TIMEOUT = TimeSpan.FromSeconds(60);

    private readonly List<(HarvestTestVm Vm, Action<IHarvestSiloBuilder>? Configure)> _vms = [];
    private readonly List<Action<HarvestTestVm, IHarvestSiloBuilder>> _harvest = [];
    private readonly List<Action<HarvestTestVm, ISiloBuilder>> _silo = [];
    private readonly List<Action<HarvestClientOptions>> _clientOptions = [];
    private readonly List<Action<IClientBuilder>> _client = [];
    private readonly List<Action<InProcessTestClusterBuilder>> _testCluster = [];
    private Action<IHarvestSiloBuilder> _state = harvest => harvest.UseInMemoryState();
    private Func<int, HarvestTestVm> _laterVm = index => new HarvestTestVm($"vm{index}", 4);
    private bool _fastTimings = true;
    private bool _provisioner;
    private TimeSpan _startTimeout = DEFAULT_START_TIMEOUT;

    /// <summary>Adds a VM.</summary>
    /// <param name="vmId">Its id; unique in the cluster.</param>
    /// <param name="cores">Its start-up size in cores.</param>
    /// <param name="role">Harvested (the default: resizable, evictable) or regular.</param>
    /// <param name="configure">Harvest configuration for this VM only, applied after the all-VM hooks.</param>
    /// <returns>This builder.</returns>
    public HarvestTestClusterBuilder AddVm(string vmId, double cores, VmRole role = VmRole.Harvest, Action<IHarvestSiloBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vmId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cores);
        if (_vms.Any(v => v.Vm.VmId == vmId))
        {
            throw new ArgumentException($"VM '{vmId}' is already added.", nameof(vmId));
        }

        _vms.Add((new HarvestTestVm(vmId, cores, role), configure));
        return this;
    }

    /// <summary>Adds one harvested VM per entry, with these cores, named <c>vm0</c>, <c>vm1</c>, ... in order of their silos.</summary>
    /// <param name="cores">Each VM's start-up size in cores.</param>
    /// <returns>This builder.</returns>
    public HarvestTestClusterBuilder AddVms(params double[] cores)
    {
        ArgumentNullException.ThrowIfNull(cores);
        foreach (var c in cores)
        {
            AddVm($"vm{_vms.Count}", c);
        }

        return this;
    }

    /// <summary>Harvest configuration for every VM (register functions, package stores, options).</summary>
    /// <param name="configure">Applied to each VM's <see cref="IHarvestSiloBuilder"/> after the defaults.</param>
    /// <returns>This builder.</returns>
    public HarvestTestClusterBuilder ConfigureHarvest(Action<IHarvestSiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _harvest.Add((_, harvest) => configure(harvest));
        return this;
    }

    /// <summary>Harvest configuration for every VM, told which VM it configures.</summary>
    /// <param name="configure">Applied to each VM's <see cref="IHarvestSiloBuilder"/> after the defaults.</param>
    /// <returns>This builder.</returns>
    public HarvestTestClusterBuilder ConfigureHarvest(Action<HarvestTestVm, IHarvestSiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _harvest.Add(configure);
        return this;
    }

    /// <summary>Orleans configuration for every VM's silo (e.g. membership options).</summary>
    /// <param name="configure">Applied to each silo builder before <c>UseHarvest</c>.</param>
    /// <returns>This builder.</returns>
    public HarvestTestClusterBuilder ConfigureSilo(Action<HarvestTestVm, ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _silo.Add(configure);
        return this;
    }

    /// <summary>Configures the cluster's <see cref="HarvestClient"/>.</summary>
    /// <param name="configure">Applied to the client's <see cref="HarvestClientOptions"/>.</param>
    /// <returns>This builder.</returns>
    public HarvestTestClusterBuilder ConfigureClient(Action<HarvestClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _clientOptions.Add(configure);
        return this;
    }

    /// <summary>Orleans configuration for the cluster's client.</summary>
    /// <param name="configure">Applied to the client builder after <c>UseHarvestClient</c>.</param>
    /// <returns>This builder.</returns>
    public HarvestTestClusterBuilder ConfigureClient(Action<IClientBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _client.Add(configure);
        return this;
    }

    /// <summary>Replaces the in-memory state (the default) with another store, e.g. <c>h =&gt; h.UseRedisState(...)</c>.</summary>
    /// <param name="useState">Registers HarvestOrleans state on each VM.</param>
    /// <returns>This builder.</returns>
    public HarvestTestClusterBuilder UseState(Action<IHarvestSiloBuilder> useState)
    {
        _state = useState ?? throw new ArgumentNullException(nameof(useState));
        return this;
    }

    /// <summary>Uses (the default) or leaves out <see cref="HarvestTestTimings.UseFastTestTimings"/>; without it VMs keep the production intervals.</summary>
    /// <param name="enabled">Whether VMs use the fast test timings.</param>
    /// <returns>This builder.</returns>
    public HarvestTestClusterBuilder UseFastTestTimings(bool enabled = true)
    {
        _fastTimings = enabled;
        return this;
    }

    /// <summary>
    /// Registers a provisioner that starts another silo of this cluster when the resource monitor asks for VMs
    /// (off by default). VMs started that way, or by <see cref="HarvestTestCluster.AddVmAsync"/>'s underlying silo
    /// start without a pending VM, are described by <paramref name="vmOfSilo"/>.
    /// </summary>
    /// <param name="vmOfSilo">The VM of the silo with this index (the index counts every silo ever started).</param>
    /// <returns>This builder.</returns>
    public HarvestTestClusterBuilder UseTestClusterProvisioner(Func<int, HarvestTestVm>? vmOfSilo = null)
    {
        _provisioner = true;
        if (vmOfSilo is not null)
        {
            _laterVm = vmOfSilo;
        }

        return this;
    }

    /// <summary>Low-level access to the Orleans test cluster builder (e.g. its options or host logging).</summary>
    /// <param name="configure">Applied to the <see cref="InProcessTestClusterBuilder"/> after this builder's own settings.</param>
    /// <returns>This builder.</returns>
    public HarvestTestClusterBuilder ConfigureTestCluster(Action<InProcessTestClusterBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _testCluster.Add(configure);
        return this;
    }

    /// <summary>How long <see cref="StartAsync"/> waits for every VM to be active; <see cref="DEFAULT_START_TIMEOUT"/> by default.</summary>
    /// <param name="timeout">A positive time.</param>
    /// <returns>This builder.</returns>
    public HarvestTestClusterBuilder WithStartTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _startTimeout = timeout;
        return this;
    }

    /// <summary>
    /// Starts the cluster and waits until every VM is registered and active. Without any <see cref="AddVm"/> or
    /// <see cref="AddVms"/> call it starts one VM of 4 cores (<c>vm0</c>).
    /// </summary>
    /// <param name="cancellationToken">Ends the wait for the VMs early.</param>
    /// <returns>The running cluster; dispose it to stop it.</returns>
    public async Task<HarvestTestCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var initial = _vms.Count > 0 ? _vms.ToList() : [(new HarvestTestVm("vm0", 4), null)];
        var holder = new ClusterHolder();
        var vms = new VmDirectory(initial.Select(v => v.Vm).ToList(), _laterVm);
        var perVm = initial.Where(v => v.Configure is not null).ToDictionary(v => v.Vm.VmId, v => v.Configure!);
        var harvestHooks = _harvest.ToList();
        var siloHooks = _silo.ToList();
        var clientOptions = _clientOptions.ToList();
        var clientHooks = _client.ToList();
        var state = _state;
        var fastTimings = _fastTimings;
        var provisioner = _provisioner;

        var builder = new InProcessTestClusterBuilder((short)initial.Count);
        builder.ConfigureSilo((options, silo) =>
        {
            var vm = vms.VmOf(options.SiloName);
            foreach (var hook in siloHooks)
            {
                hook(vm, silo);
            }

            silo.UseHarvest(harvest =>
            {
                state(harvest);
                harvest.ConfigureVm(o => (o.VmId, o.Cores, o.Role) = (vm.VmId, vm.Cores, vm.Role));
                if (fastTimings)
                {
                    harvest.UseFastTestTimings();
                }

                harvest.Services.AddSingleton<ISiloShutdown>(new TestClusterSiloShutdown(holder, options.SiloName));
                if (provisioner)
                {
                    harvest.Services.AddSingleton<IVmProvisioner>(new TestClusterProvisioner(holder));
                }

                foreach (var hook in harvestHooks)
                {
                    hook(vm, harvest);
                }

                if (perVm.TryGetValue(vm.VmId, out var own))
                {
                    own(harvest);
                }
            });
        });
        builder.ConfigureClient(client =>
        {
            client.UseHarvestClient(o =>
            {
                foreach (var configure in clientOptions)
                {
                    configure(o);
                }
            });
            foreach (var hook in clientHooks)
            {
                hook(client);
            }
        });
        foreach (var hook in _testCluster)
        {
            hook(builder);
        }

        var cluster = builder.Build();
        holder.Cluster = cluster;
        try
        {
            await cluster.DeployAsync();
            var harvestCluster = new HarvestTestCluster(cluster, vms);
            await harvestCluster.WaitForActiveVmsAsync(initial.Count, _startTimeout, cancellationToken);
            return harvestCluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}

/// <summary>Which VM each silo runs: the initial VMs by silo index, then VMs queued by AddVmAsync, then the later-VM function.</summary>
internal sealed class VmDirectory(IReadOnlyList<HarvestTestVm> initial, Func<int, HarvestTestVm> laterVm)
{
    private readonly ConcurrentDictionary<string, HarvestTestVm> _bySilo = new();
    private readonly ConcurrentQueue<HarvestTestVm> _pending = new();
    private readonly object _gate = new();

    public void Enqueue(HarvestTestVm vm) => _pending.Enqueue(vm);

    public HarvestTestVm VmOf(string siloName)
    {
        lock (_gate)
        {
            if (_bySilo.TryGetValue(siloName, out var known))
            {
                return known;
            }

            var index = int.TryParse(siloName.Split('_')[^1], out var i) ? i : _bySilo.Count;
            var vm = index < initial.Count ? initial[index] : _pending.TryDequeue(out var queued) ? queued : laterVm(index);
            _bySilo[siloName] = vm;
            return vm;
        }
    }
}
