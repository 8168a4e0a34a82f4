using HarvestOrleans.Policies;

namespace HarvestOrleans.Experiments.Simulation.Experiments;

/// <summary>
/// <c>simulate balancers</c>: the paper's balancing experiment. Defaults are the paper's setup (paper.md, "Evaluation
/// setup"): 10 VMs per cluster on the active, normal and dedicated traces with their cores as they are, closed-loop
/// users 10–300 thinking 10 s (exponential), 20 minutes per point, the FunctionBench mix, every balancing policy.
/// </summary>
public sealed record BalancersOptions
{
    /// <summary>The harvest trace scenarios, in the order reported.</summary>
    public static IReadOnlyList<string> AllTraces { get; } = ["active", "normal", "dedicated"];

    /// <summary>The policies, in the order reported: the baseline, JSQ, Min-Worker-Set.</summary>
    public static IReadOnlyList<string> AllPolicies { get; } = [BalancingPolicyNames.OpenWhiskHash, BalancingPolicyNames.JoinShortestQueue, BalancingPolicyNames.MinWorkerSet];

    /// <summary>A folder with active/, normal/ and dedicated/ trace files; null: the bundled samples/traces/harvest.</summary>
    public string? HarvestTraces { get; init; }

    public IReadOnlyList<string> Traces { get; init; } = AllTraces;

    public IReadOnlyList<int> Users { get; init; } = PaperWorkload.PaperUsers;

    public IReadOnlyList<string> Policies { get; init; } = AllPolicies;

    /// <summary>Default: the project's rules; Paper: every policy by its authors' rules.</summary>
    public PolicyMode Mode { get; init; } = PolicyMode.Default;

    /// <summary>VMs per cluster, each replaying one trace file of its scenario in turn.</summary>
    public int Vms { get; init; } = 10;

    public double ThinkSeconds { get; init; } = PaperWorkload.PAPER_THINK_SECONDS;

    /// <summary>Simulated time per point.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Multiplies the suite's measured execution times (see <see cref="PaperWorkload"/>).</summary>
    public double WorkScale { get; init; } = PaperWorkload.DEFAULT_WORK_SCALE;

    public int Seed { get; init; } = 1;

    /// <summary>Simulations run side by side (results do not depend on it).</summary>
    public int Parallelism { get; init; } = ParallelRuns.DefaultDegree;

    /// <summary>The smoke run: 5 simulated minutes at 50 and 300 users.</summary>
    public static BalancersOptions Quick { get; } = new() { Users = [50, 300], Duration = TimeSpan.FromMinutes(5) };
}
