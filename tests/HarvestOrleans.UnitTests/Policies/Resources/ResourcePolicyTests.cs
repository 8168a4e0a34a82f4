using static HarvestOrleans.UnitTests.Policies.Requests;

namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public sealed class ResourcePolicyTests
{
    private static readonly ResourcePolicySettings Settings = ResourcePolicySettings.Default;
    private static readonly ResourceAllocation TwoCores = new(2, 512);

    [Fact]
    public void The_registry_holds_fixed_greedy_and_freyr_by_name()
    {
        var registry = new ResourcePolicies();

        Assert.Equal([ResourcePolicyNames.Fixed, ResourcePolicyNames.Greedy, ResourcePolicyNames.Freyr], registry.Names);
        Assert.IsType<GreedyResourcePolicy>(registry.Get("Greedy"));
        Assert.True(((FreyrResourcePolicy)registry.Get("Freyr")).HasWeights); // the shipped, trained weights
        Assert.Equal("resource", Assert.Throws<UnknownPolicyException>(() => registry.Get("Ensure")).Kind);
    }

    [Fact]
    public void Fixed_gives_the_configuration_whatever_the_history()
    {
        var idle = After(new ResourceAllocation(2, 512), new ResourceUsage(0.1, 10));

        var decision = new FixedResourcePolicy().Decide(Request(TwoCores, idle), Settings);

        Assert.Equal(new ResourceDecision(TwoCores, ResourceDecisionReason.Configured), decision);
    }

    [Fact]
    public void Fixed_keeps_a_configuration_above_the_vms_cores_so_admission_holds_it_until_they_fit_as_before()
    {
        var policy = new FixedResourcePolicy();
        var smallVm = RoomyVm with { Cores = 1.5, FreeCores = 1.5 };

        Assert.Equal(new ResourceDecision(TwoCores, ResourceDecisionReason.Configured),
            policy.Decide(Request(TwoCores, FunctionResourceHistory.None, smallVm), Settings));
        Assert.Equal(TwoCores, policy.Decide(Request(TwoCores, FunctionResourceHistory.None, smallVm with { Cores = 0, FreeCores = 0 }), Settings).Allocation);
    }

    [Fact]
    public void Greedy_starts_from_the_configuration()
    {
        var decision = new GreedyResourcePolicy().Decide(Request(TwoCores, FunctionResourceHistory.None), Settings);

        Assert.Equal(new ResourceDecision(TwoCores, ResourceDecisionReason.Configured), decision);
    }

    [Fact]
    public void Greedy_steps_each_resource_down_when_its_peak_was_at_most_the_threshold_of_the_last_allocation_and_up_otherwise()
    {
        // Last run: 1.5 cores, peak 1.2 (0.8 of it: down); 256 MB, peak 250 (above 0.9: up).
        var history = After(new ResourceAllocation(1.5, 256), new ResourceUsage(1.2, 250));

        var decision = new GreedyResourcePolicy().Decide(Request(TwoCores, history), Settings);

        Assert.Equal(new ResourceDecision(new ResourceAllocation(1.0, 320), ResourceDecisionReason.Stepped), decision);
    }

    [Fact]
    public void Greedy_ignores_the_configuration_once_it_has_history_and_has_no_safeguard()
    {
        // Far below its configuration, fully used: one step up, not back to the configuration (Freyr's safeguard would).
        var history = After(new ResourceAllocation(0.5, 128), new ResourceUsage(0.5, 128), failed: true);

        var decision = new GreedyResourcePolicy().Decide(Request(TwoCores, history), Settings);

        Assert.Equal(new ResourceAllocation(1.0, 192), decision.Allocation);
    }

    [Fact]
    public void Greedy_stays_between_one_step_and_the_cap_and_within_the_vm()
    {
        var policy = new GreedyResourcePolicy();
        var idle = After(new ResourceAllocation(0.5, 64), new ResourceUsage(0.05, 5));
        var busy = After(new ResourceAllocation(8, 1024), new ResourceUsage(8, 1024));

        Assert.Equal(new ResourceAllocation(0.5, 64), policy.Decide(Request(TwoCores, idle), Settings).Allocation);
        Assert.Equal(new ResourceAllocation(8, 1024), policy.Decide(Request(TwoCores, busy), Settings).Allocation);
        var clamped = policy.Decide(Request(TwoCores, busy, RoomyVm with { Cores = 4 }), Settings);
        Assert.Equal((4.0, true), (clamped.Allocation.Cores, clamped.ClampedToVm));
    }

    [Fact]
    public void Freyr_without_weights_gives_the_configuration_where_its_safeguard_would_let_it_harvest()
    {
        var idle = After(TwoCores, new ResourceUsage(0.3, 100));

        var decision = new FreyrResourcePolicy().Decide(Request(TwoCores, idle), Settings);

        Assert.Equal(new ResourceDecision(TwoCores, ResourceDecisionReason.Configured), decision);
    }

    [Fact]
    public void Freyrs_network_chooses_only_among_the_valid_actions()
    {
        // A network whose score grows with the candidate's cores and memory: unmasked, it would take the grid's largest.
        var policy = new FreyrResourcePolicy(HandMadeNetwork(coresWeight: 1, memoryWeight: 1));
        var idle = After(TwoCores, new ResourceUsage(0.6, 200));
        var busy = After(TwoCores, new ResourceUsage(2, 500));

        var harvesting = policy.Decide(Request(TwoCores, idle), Settings);
        var accelerating = policy.Decide(Request(TwoCores, busy, RoomyVm with { FreeCores = 3, FreeMemoryMb = 700 }), Settings);

        Assert.Equal(new ResourceDecision(TwoCores, ResourceDecisionReason.Learned), harvesting); // the most it may have: its configuration
        Assert.Equal(new ResourceAllocation(3, 640), accelerating.Allocation);                   // the free cores; 700 MB free → 640 MB
    }

    [Fact]
    public void Freyrs_network_harvests_when_it_prefers_less()
    {
        var policy = new FreyrResourcePolicy(HandMadeNetwork(coresWeight: -1, memoryWeight: -1));
        var idle = After(TwoCores, new ResourceUsage(0.6, 200));

        var decision = policy.Decide(Request(TwoCores, idle), Settings);

        Assert.Equal(new ResourceDecision(new ResourceAllocation(1.0, 256), ResourceDecisionReason.Learned), decision);
    }

    [Fact]
    public void A_spike_in_one_resource_pins_it_and_the_network_still_chooses_the_other()
    {
        var policy = new FreyrResourcePolicy(HandMadeNetwork(coresWeight: -1, memoryWeight: -1));
        var spiked = After(new ResourceAllocation(1, 512), new ResourceUsage(0.95, 200));

        var decision = policy.Decide(Request(TwoCores, spiked), Settings);

        Assert.Equal(new ResourceDecision(new ResourceAllocation(2, 256), ResourceDecisionReason.UsageSpike), decision);
        Assert.True(decision.IsSafeguard);
    }

    [Fact]
    public void Freyr_refuses_a_network_trained_on_other_features()
    {
        var other = new ScoreActorCritic(["x"], ["y"], [4], NetworkActivation.Tanh, new Random(1));

        Assert.Throws<ArgumentException>(() => new FreyrResourcePolicy(other));
    }

    [Fact]
    public void No_harvesting_policy_ever_gives_more_cores_than_the_vm_has()
    {
        // Fixed gives the configuration unchanged; admission holds it until the VM has the cores (see its own test).
        var random = new Random(17);
        IResourcePolicy[] policies = [new GreedyResourcePolicy(), new FreyrResourcePolicy(FreyrFeatures.NewNetwork(new Random(2))), FreyrResourcePolicy.LoadShipped()!];
        var checkedDecisions = 0;
        for (var i = 0; i < 500; i++)
        {
            var configured = new ResourceAllocation(0.5 * random.Next(1, 13), 64 * random.Next(1, 17));
            var cores = 0.25 * random.Next(1, 33);
            var vm = new VmResources(cores, cores * random.NextDouble(), 8192, 8192 * random.NextDouble(), random.Next(0, 10));
            var last = new ResourceAllocation(0.5 * random.Next(1, 17), 64 * random.Next(1, 17));
            var peak = new ResourceUsage(last.Cores * 1.2 * random.NextDouble(), last.MemoryMb * 1.2 * random.NextDouble());
            var history = random.Next(5) == 0 ? FunctionResourceHistory.None : After(last, peak, failed: random.Next(8) == 0);
            foreach (var policy in policies)
            {
                var decision = policy.Decide(Request(configured, history, vm), Settings);
                Assert.True(decision.Allocation.Cores <= cores + 1e-9, $"{policy.Name} gave {decision.Allocation.Cores} cores on a {cores}-core VM.");
                Assert.True(decision.Allocation.Cores > 0 && decision.Allocation.MemoryMb > 0);
                checkedDecisions++;
            }
        }

        Assert.Equal(1500, checkedDecisions);
    }

    /// <summary>
    /// A Freyr network with no hidden layer whose score is coresWeight × action.cores + memoryWeight × action.memory.
    /// </summary>
    private static ScoreActorCritic HandMadeNetwork(double coresWeight, double memoryWeight)
    {
        var states = FreyrFeatures.StateNames.Count;
        var weights = new double[states + FreyrFeatures.ActionNames.Count];
        weights[states + 0] = coresWeight;  // action.cores
        weights[states + 1] = memoryWeight; // action.memory
        return ScoreActorCritic.Import(new ScorePolicyWeights
        {
            StateFeatures = [.. FreyrFeatures.StateNames],
            ActionFeatures = [.. FreyrFeatures.ActionNames],
            Score = new MlpState { LayerSizes = [weights.Length, 1], Activation = NetworkActivation.Tanh, Weights = [weights], Biases = [[0]] },
            Value = new MlpState { LayerSizes = [states, 1], Activation = NetworkActivation.Tanh, Weights = [new double[states]], Biases = [[0]] },
        });
    }
}
