using System.Collections.Concurrent;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Invocations;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Invoker;

/// <summary>One invocation's resources as the resource manager decided them at its admission.</summary>
/// <param name="Policy">The resource policy that decided.</param>
/// <param name="Configured">The function's configured (the user's) cores and memory.</param>
/// <param name="Decision">What it got and why.</param>
public sealed record ResourceGrant(string Policy, ResourceAllocation Configured, ResourceDecision Decision)
{
    /// <summary>The grant of the function's configuration, as <c>Fixed</c> gives it on a VM with room.</summary>
    public static ResourceGrant AsConfigured(double cores, double memoryMb)
    {
        var configured = new ResourceAllocation(cores, memoryMb);
        return new ResourceGrant(ResourcePolicyNames.Fixed, configured, new ResourceDecision(configured, ResourceDecisionReason.Configured));
    }

    /// <summary>The cores the invocation holds in the admission queue.</summary>
    public double Cores => Decision.Allocation.Cores;

    /// <summary>The memory the invocation holds in the admission queue.</summary>
    public double MemoryMb => Decision.Allocation.MemoryMb;
}

/// <summary>
/// This silo's resource manager: decides every invocation's allocation (cores, memory) at its admission with the
/// selected <see cref="IResourcePolicy"/> (configured in <see cref="ResourcesOptions.Policy"/>, or the cluster's
/// choice, applied by <c>LivePolicies</c>), from the function version's measured history on this VM and the VM's
/// resources of that moment; and feeds that history from every run's measured usage. The decisions are the policies'
/// (<c>HarvestOrleans.Policies</c>); this class only gathers their inputs and keeps their history.
/// </summary>
public sealed class ResourceManager
{
    private readonly ResourcesOptions _options;
    private readonly ResourcePolicies _policies;
    private readonly ResourcePolicySettings _settings;
    private readonly Lazy<FreyrResourcePolicy>? _freyr;
    private readonly ConcurrentDictionary<string, ResourceUsageHistory> _histories = new(StringComparer.Ordinal);

    // Resolved on first use, not in the constructor: an unknown configured name must reach the options validator's
    // start-up error, not fail the construction of the invoker.
    private volatile Selected? _selected;

    /// <summary>The manager of <paramref name="options"/>, choosing among <paramref name="policies"/>.</summary>
    public ResourceManager(IOptions<ResourcesOptions> options, ResourcePolicies policies)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _policies = policies;
        _settings = _options.ToSettings();
        _freyr = _options.FreyrWeightsPath is { } path ? new Lazy<FreyrResourcePolicy>(() => FreyrResourcePolicy.Load(path)) : null;
    }

    /// <summary>The manager of the built-in policies with default options: <c>Fixed</c>.</summary>
    public static ResourceManager Default() => new(Microsoft.Extensions.Options.Options.Create(new ResourcesOptions()), new ResourcePolicies());

    /// <summary>The policy deciding now.</summary>
    public IResourcePolicy Policy => Now.Policy;

    /// <summary>What the policies decide with.</summary>
    public ResourcePolicySettings Settings => _settings;

    private Selected Now => _selected ??= Select(null, _options.Policy);

    /// <summary>
    /// Follows the cluster's choice: <paramref name="policy"/>, or the configured one when null. Takes effect at the
    /// next admission; histories are kept (they are measurements, whichever policy allocated).
    /// </summary>
    /// <exception cref="UnknownPolicyException">No such policy is registered on this silo.</exception>
    public void Apply(string? policy)
    {
        if (Now.Chosen != policy)
        {
            _selected = Select(policy, policy ?? _options.Policy);
        }
    }

    /// <summary>The allocation of an invocation of the function version <paramref name="key"/> configured with <paramref name="configured"/>, on <paramref name="vm"/> now.</summary>
    public ResourceGrant Decide(string key, ResourceAllocation configured, VmResources vm)
    {
        var selected = Now;
        var history = HistoryOf(key);
        FunctionResourceHistory snapshot;
        lock (history)
        {
            snapshot = history.Snapshot();
        }

        var decision = selected.Policy.Decide(new ResourceRequest(configured, snapshot, vm), _settings);
        return new ResourceGrant(selected.Policy.Name, configured, decision);
    }

    /// <summary>
    /// Records a run that <paramref name="grant"/> allocated and ended with <paramref name="record"/>: succeeded, or
    /// failed (failed or timed out, which the safeguard answers with the configuration). Runs that say nothing of the
    /// function's needs are left out: evicted ones, and ones whose input was refused. <paramref name="measured"/>: the
    /// record's <see cref="InvocationRecord.AverageCores"/> and <see cref="InvocationRecord.PeakCores"/> are measurements (the invoker measures CPU on this OS).
    /// </summary>
    public void Record(string key, ResourceGrant grant, InvocationRecord record, bool measured)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(record);
        if (record.Status is not (InvocationStatus.Succeeded or InvocationStatus.Failed or InvocationStatus.TimedOut))
        {
            return;
        }

        var outcome = measured
            ? ResourceOutcome.Measured(grant.Decision, record.IsSuccess, record.AverageCores, record.PeakCores)
            : ResourceOutcome.Measured(grant.Decision, record.IsSuccess, null);
        var history = HistoryOf(key);
        lock (history)
        {
            history.Record(outcome);
        }
    }

    /// <summary>What the policies know of the function version <paramref name="key"/> now.</summary>
    public FunctionResourceHistory HistoryOfFunction(string key)
    {
        var history = HistoryOf(key);
        lock (history)
        {
            return history.Snapshot();
        }
    }

    private ResourceUsageHistory HistoryOf(string key) =>
        _histories.GetOrAdd(key, static (_, window) => new ResourceUsageHistory(window), _options.SpeedupWindow);

    private Selected Select(string? chosen, string name) =>
        new(chosen, name == ResourcePolicyNames.Freyr && _freyr is not null ? _freyr.Value : _policies.Get(name));

    private sealed record Selected(string? Chosen, IResourcePolicy Policy);
}
