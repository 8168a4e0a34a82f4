namespace HarvestOrleans.UnitTests.Policies;

/// <summary>
/// The hash baseline against apache/openwhisk at 1fae641a2: "SCPB" is
/// core/controller/src/main/scala/org/apache/openwhisk/core/loadBalancer/ShardingContainerPoolBalancer.scala and
/// "SCPB tests" tests/src/test/scala/org/apache/openwhisk/core/loadBalancer/test/ShardingContainerPoolBalancerTests.scala.
/// </summary>
[Trait("Category", "Unit")]
public class OpenWhiskHashPolicyTests
{
    private readonly OpenWhiskHashPolicy _policy = new();

    private static List<VmView> Cluster(int n, double memoryMb = 1024, params int[] draining) =>
        Enumerable.Range(0, n).Select(i => new VmView($"vm-{i}", 4, memoryMb, 0, 0, AcceptsWork: !draining.Contains(i))).ToList();

    private static BalancingPolicySettings In(PolicyMode mode) => BalancingPolicySettings.Default with { Mode = mode };

    /// <summary>A function name whose OpenWhisk hash satisfies <paramref name="wanted"/>: how a test fixes the home and step SCPB tests pass in directly.</summary>
    private static string NameWithHash(Func<int, bool> wanted) =>
        Enumerable.Range(0, 10_000).Select(i => $"fn-{i}").First(name => wanted(OpenWhiskHashPolicy.GenerateHash(name)));

    private RoutePlan Plan(string function, List<VmView> cluster, double memoryMb, PolicyMode mode = PolicyMode.Default) =>
        _policy.Plan(new FunctionDemand(function, 0, 0, 1, memoryMb), new WorkerSetState(), cluster, In(mode), 0);

    /// <summary>Places one invocation and keeps it in flight, as the client's ledger does until it completes.</summary>
    private static PlacementDecision PlaceAndHold(IBalancingPolicy policy, RoutePlan plan, ReservationLedger ledger, Random random)
    {
        var placement = policy.Pick(plan, ledger, random);
        ledger.Reserve(placement.VmId!, plan.CoresPerInvocation, plan.MemoryMb);
        return placement;
    }

    // SCPB tests 367-382 (the first nine rows); the last three are SCPB 378-384's rule at sizes where keeping every
    // coprime, as this policy used to, differs.
    [Theory]
    [InlineData(-1, new int[0])]
    [InlineData(0, new int[0])]
    [InlineData(1, new[] { 1 })]
    [InlineData(2, new[] { 1 })]
    [InlineData(3, new[] { 1, 2 })]
    [InlineData(4, new[] { 1, 3 })]
    [InlineData(5, new[] { 1, 2, 3 })]
    [InlineData(9, new[] { 1, 2, 5, 7 })]
    [InlineData(10, new[] { 1, 3, 7 })]
    [InlineData(7, new[] { 1, 2, 3, 5 })]
    [InlineData(8, new[] { 1, 3, 5, 7 })]
    [InlineData(15, new[] { 1, 2, 7, 11, 13 })]
    public void Step_sizes_are_openwhisks_pairwise_coprime_numbers(int x, int[] expected)
    {
        Assert.Equal(expected, CoprimeStepSizes.PairwiseCoprimeNumbersUntil(x));

        // The remembered steps the policy walks with: the same, also right after another size was asked for.
        Assert.Equal(expected, CoprimeStepSizes.For(x));
        _ = CoprimeStepSizes.For(x + 1);
        Assert.Equal(expected, CoprimeStepSizes.For(x));
    }

    // Java's String.hashCode, the H of SCPB 371; expected values printed by a JVM (OpenJDK "s".hashCode()).
    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 97)]
    [InlineData("hello", 99162322)]
    [InlineData("Aa", 2112)]
    [InlineData("BB", 2112)]
    [InlineData("guest", 98708952)]
    [InlineData("guest/thumbnail", -1869687435)]
    [InlineData("polygenelubricants", int.MinValue)]
    [InlineData("é", 233)]
    [InlineData("\uD83D\uDE00", 1772899)] // over UTF-16 code units, a surrogate pair is two
    [InlineData("función/ñ", -146623134)]
    public void Java_string_hash_is_javas(string value, int expected)
    {
        Assert.Equal(expected, JavaStringHash.Of(value));
    }

    // SCPB 370-372: |"guest".hashCode ^ "guest/<f>".hashCode|, expected values printed by a JVM.
    [Theory]
    [InlineData("thumbnail", 1788020563)]
    [InlineData("matmul", 1384948829)]
    [InlineData("sleep", 2847288)]
    [InlineData("echo", 1859363292)]
    public void Hash_is_openwhisks_generate_hash(string function, int expected)
    {
        Assert.Equal(expected, OpenWhiskHashPolicy.GenerateHash(function));
    }

    // SCPB 264-266 (home = hash % invokers.size, step = stepSizes(hash % stepSizes.size)) and the walk of SCPB 429:
    // the plan lists each usable VM once, in first-visit order.
    [Theory]
    [InlineData(1, PolicyMode.Default)]
    [InlineData(3, PolicyMode.Default)]
    [InlineData(6, PolicyMode.Default)]
    [InlineData(7, PolicyMode.Paper)]
    [InlineData(10, PolicyMode.Paper)]
    public void The_walk_starts_at_the_hash_home_and_steps_by_the_hashed_step(int n, PolicyMode mode)
    {
        var steps = CoprimeStepSizes.PairwiseCoprimeNumbersUntil(n);
        foreach (var function in new[] { "thumbnail", "matmul", "sleep", "echo" })
        {
            var hash = OpenWhiskHashPolicy.GenerateHash(function);
            var (home, step) = (hash % n, steps[hash % steps.Count]);
            var plan = Plan(function, Cluster(n), 256, mode);
            var expected = Enumerable.Range(0, n).Select(i => $"vm-{(home + (i * step)) % n}");
            Assert.Equal(expected, plan.Candidates.Select(c => c.VmId));
            Assert.Equal($"vm-{home}", plan.HomeVmId);
        }
    }

    // SCPB tests 272-297: three invokers of three slots, index 0, step 2: 3,3,3,5,5,5,4,4,4 (ids offset by 3), then
    // random invokers, all overloads.
    [Theory]
    [InlineData(PolicyMode.Default)]
    [InlineData(PolicyMode.Paper)]
    public void Takes_the_first_free_slot_in_steps_then_a_random_vm_as_overload(PolicyMode mode)
    {
        var function = NameWithHash(h => h % 3 == 0 && h % 2 == 1); // home 0, stepSizes(3) = [1, 2] → step 2
        var plan = Plan(function, Cluster(3, memoryMb: 3), memoryMb: 1, mode);
        var (ledger, random) = (new ReservationLedger(), new Random(7));

        var placed = Enumerable.Range(0, 9).Select(_ => PlaceAndHold(_policy, plan, ledger, random)).ToList();
        Assert.Equal(["vm-0", "vm-0", "vm-0", "vm-2", "vm-2", "vm-2", "vm-1", "vm-1", "vm-1"], placed.Select(p => p.VmId));
        Assert.All(placed, p => Assert.False(p.Overload));

        var brute = Enumerable.Range(0, 101).Select(_ => PlaceAndHold(_policy, plan, ledger, random)).ToList();
        Assert.Equal(["vm-0", "vm-1", "vm-2"], brute.Select(p => p.VmId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(brute, p => Assert.True(p.Overload));
    }

    // SCPB tests 299-325: healthy 0, unhealthy 1, offline 2, healthy 3, step 1: 0,0,0,3,3,3, then random among 0 and 3.
    [Theory]
    [InlineData(PolicyMode.Default)]
    [InlineData(PolicyMode.Paper)]
    public void Unusable_vms_keep_their_index_but_take_no_work(PolicyMode mode)
    {
        var function = NameWithHash(h => h % 4 == 0); // home 0, stepSizes(4) = [1, 3] → step 1
        var plan = Plan(function, Cluster(4, memoryMb: 3, draining: [1, 2]), memoryMb: 1, mode);
        Assert.Equal(["vm-0", "vm-3"], plan.Candidates.Select(c => c.VmId));
        var (ledger, random) = (new ReservationLedger(), new Random(7));

        var placed = Enumerable.Range(0, 6).Select(_ => PlaceAndHold(_policy, plan, ledger, random).VmId);
        Assert.Equal(["vm-0", "vm-0", "vm-0", "vm-3", "vm-3", "vm-3"], placed);

        var brute = Enumerable.Range(0, 101).Select(_ => PlaceAndHold(_policy, plan, ledger, random)).ToList();
        Assert.Equal(["vm-0", "vm-3"], brute.Select(p => p.VmId).Distinct().Order(StringComparer.Ordinal));
        Assert.All(brute, p => Assert.True(p.Overload));
    }

    // SCPB tests 327-365: invokers of four slots, step 1; asking 3, 2, 1, 4, 2 slots lands on 0, 1, 0, 2, 1 and leaves
    // every invoker full.
    [Fact]
    public void Only_a_vm_with_enough_free_slots_takes_the_request()
    {
        var function = NameWithHash(h => h % 6 == 0); // home 0, stepSizes(3) = [1, 2] → step 1
        var cluster = Cluster(3, memoryMb: 4);
        var (ledger, random) = (new ReservationLedger(), new Random(7));
        int[] asks = [3, 2, 1, 4, 2];

        var placed = asks.Select(slots => PlaceAndHold(_policy, Plan(function, cluster, slots), ledger, random)).ToList();
        Assert.Equal(["vm-0", "vm-1", "vm-0", "vm-2", "vm-1"], placed.Select(p => p.VmId));
        Assert.All(placed, p => Assert.False(p.Overload));
        Assert.All(cluster, vm => Assert.Equal(4, ledger.ReservedMemoryMb(vm.VmId)));
    }

    // SCPB tests 246-270: no invoker, or none healthy, schedules nothing (SCPB 425-427, 433-435).
    [Theory]
    [InlineData(0, new int[0])]
    [InlineData(3, new[] { 0, 1, 2 })]
    public void No_usable_vm_places_nothing(int n, int[] draining)
    {
        var plan = Plan("thumbnail", Cluster(n, draining: draining), 256);
        Assert.Empty(plan.Candidates);
        Assert.Equal(PlacementDecision.None, _policy.Pick(plan, ReservationView.None, new Random(1)));
    }

    // SCPB 265 takes the home over all managed invokers (InvokerPool reports a leaving invoker Offline rather than
    // shrinking the list, SCPB 507-508): a draining VM moves only the functions whose walk started on it.
    [Theory]
    [InlineData(PolicyMode.Default)]
    [InlineData(PolicyMode.Paper)]
    public void Draining_one_of_six_vms_rehomes_only_the_functions_homed_on_it(PolicyMode mode)
    {
        var functions = Enumerable.Range(0, 300).Select(i => $"function-{i}").ToList();
        var before = functions.ToDictionary(f => f, f => Plan(f, Cluster(6), 256, mode).HomeVmId);
        var after = functions.ToDictionary(f => f, f => Plan(f, Cluster(6, draining: 3), 256, mode).HomeVmId);

        var moved = functions.Where(f => before[f] != after[f]).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, f => Assert.Equal("vm-3", before[f]));
        Assert.All(functions.Where(f => before[f] == "vm-3"), f => Assert.NotEqual("vm-3", after[f]));
    }

    // SCPB 413 and 485-499: a slot is the VM's memory less what this caller holds there (one controller); what the VM
    // reports in use does not count, and CountReservations (which governs Min-Worker-Set) changes nothing.
    [Theory]
    [InlineData(PolicyMode.Default, true)]
    [InlineData(PolicyMode.Default, false)]
    [InlineData(PolicyMode.Paper, true)]
    [InlineData(PolicyMode.Paper, false)]
    public void Slots_are_the_vm_memory_less_the_callers_own_in_flight_work(PolicyMode mode, bool countReservations)
    {
        var cluster = Enumerable.Range(0, 5).Select(i => new VmView($"vm-{i}", 4, 1024, CpuUsage: 4, MemoryUsage: 1024)).ToList();
        var settings = In(mode) with { CountReservations = countReservations };
        var plan = _policy.Plan(new FunctionDemand("thumbnail", 0, 0, 1, 512), new WorkerSetState(), cluster, settings, 0);
        var ledger = new ReservationLedger();

        Assert.Equal(new PlacementDecision(plan.Candidates[0].VmId, false), _policy.Pick(plan, ledger, new Random(1)));
        ledger.Reserve(plan.Candidates[0].VmId, 1, 600);
        Assert.Equal(new PlacementDecision(plan.Candidates[1].VmId, false), _policy.Pick(plan, ledger, new Random(1)));
    }
}
