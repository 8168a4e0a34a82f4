namespace HarvestOrleans.UnitTests.Policies;

/// <summary>
/// A toy Freyr environment, through the real safeguard and features: over-provisioned functions (1 or 2 cores,
/// 256 or 512 MB configured, peaks of 20-45% of each) arrive one by one; the reward is the share of the configuration
/// harvested (cores and memory), which the safeguard keeps above the recent peak, so the least valid allocation is
/// clearly best. Invocations the safeguard decides alone are skipped (there is nothing to learn from them).
/// </summary>
internal sealed class HarvestToyEnvironment(int seed) : IPolicyEnvironment
{
    private static readonly ResourceAllocation[] Configurations = [new(1, 256), new(2, 512)];

    private readonly Random _random = new(seed);
    private FreyrChoice? _choice;
    private ResourceAllocation _configured;

    public static ResourcePolicySettings Settings { get; } = ResourcePolicySettings.Default;

    public PolicyObservation Reset()
    {
        while (true)
        {
            var request = NextRequest();
            var choice = FreyrResourcePolicy.Observe(request, Settings);
            if (choice.Observation is { } observation)
            {
                (_choice, _configured) = (choice, request.Configured);
                return observation;
            }
        }
    }

    public PolicyStep Step(int action) => new(Reward(_choice!.Choose(action).Allocation, _configured), Done: true, Next: null);

    public ResourceRequest NextRequest()
    {
        var configured = Configurations[_random.Next(Configurations.Length)];
        var share = 0.2 + 0.25 * _random.NextDouble();
        var peak = new ResourceUsage(configured.Cores * share, configured.MemoryMb * share);
        var history = new FunctionResourceHistory(10, false, configured, peak, peak, []);
        var free = 2 + 6 * _random.NextDouble();
        return new ResourceRequest(configured, history, new VmResources(8, free, 16_384, 1024 * free, _random.Next(0, 6)));
    }

    public static double Reward(ResourceAllocation allocation, ResourceAllocation configured) =>
        (configured.Cores - allocation.Cores) / configured.Cores + (configured.MemoryMb - allocation.MemoryMb) / configured.MemoryMb;
}
