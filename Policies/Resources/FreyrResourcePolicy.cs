namespace HarvestOrleans.Policies;

/// <summary>
/// Freyr (Yu et al., "Accelerating Serverless Computing by Harvesting Idle Resources", WWW'22): per invocation, the
/// safeguard (<see cref="FreyrSafeguard"/>) masks the action grid (<see cref="ActionGrid"/>), then a trained score
/// network (<see cref="ScoreActorCritic"/>, trained with <see cref="PpoTrainer"/>) rates every valid action and the
/// best is taken. Without weights it gives the user's configuration, as its safeguard does. The network is copied at
/// construction and only read, so one instance serves every invoker thread.
/// </summary>
public sealed class FreyrResourcePolicy : IResourcePolicy
{
    private readonly ScoreActorCritic? _network;

    /// <summary>Freyr without weights: the configuration behind the safeguard.</summary>
    public FreyrResourcePolicy()
        : this(null)
    {
    }

    /// <summary>Freyr choosing with <paramref name="network"/> (copied), trained on <see cref="FreyrFeatures"/>.</summary>
    /// <exception cref="ArgumentException">The network was made for other features.</exception>
    public FreyrResourcePolicy(ScoreActorCritic? network)
    {
        if (network is not null)
        {
            FreyrFeatures.CheckNetwork(network);
        }

        _network = network?.Clone();
    }

    /// <inheritdoc/>
    public string Name => ResourcePolicyNames.Freyr;

    /// <summary>Whether it has a trained network (otherwise it gives the configuration).</summary>
    public bool HasWeights => _network is not null;

    /// <summary>The file name of the weights shipped with the runtime (trained in the simulator by <c>simulate train-freyr</c>).</summary>
    public const string SHIPPED_WEIGHTS_FILE = "freyr-weights.json";

    /// <summary>Freyr with the weights in the JSON file <paramref name="path"/>.</summary>
    public static FreyrResourcePolicy Load(string path) => new(ScoreActorCritic.Load(path));

    /// <summary>Freyr with the weights shipped in this library, or null when none are.</summary>
    public static FreyrResourcePolicy? LoadShipped()
    {
        using var stream = typeof(FreyrResourcePolicy).Assembly.GetManifestResourceStream($"HarvestOrleans.Policies.{SHIPPED_WEIGHTS_FILE}");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return new FreyrResourcePolicy(ScoreActorCritic.Import(ScorePolicyWeights.FromJson(reader.ReadToEnd())));
    }

    /// <inheritdoc/>
    public ResourceDecision Decide(ResourceRequest request, ResourcePolicySettings settings)
    {
        var choice = Observe(request, settings);
        if (choice.Decided is { } decided)
        {
            return decided;
        }

        return _network is null
            ? ResourceDecision.Within(request.Configured, ResourceDecisionReason.Configured, request.Vm)
            : choice.Choose(_network.Best(choice.Observation!));
    }

    /// <summary>
    /// The safeguard's verdict on <paramref name="request"/> as a choice: decided when both resources are pinned or no
    /// action is valid, otherwise the valid actions of the grid (in grid order) and their observation.
    /// </summary>
    public static FreyrChoice Observe(ResourceRequest request, ResourcePolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(settings);
        var verdict = FreyrSafeguard.Judge(request, settings);
        if (verdict.Cores.IsPinned && verdict.Memory.IsPinned)
        {
            var pinned = new ResourceAllocation(verdict.Cores.Min, verdict.Memory.Min);
            return FreyrChoice.Of(ResourceDecision.Within(pinned, verdict.Safeguard ?? ResourceDecisionReason.Configured, request.Vm), request.Vm);
        }

        var grid = ActionGrid.For(request.Configured, settings);
        var candidates = new List<ResourceAllocation>();
        for (var i = 0; i < grid.Count; i++)
        {
            if (verdict.Allows(grid[i], request.Vm))
            {
                candidates.Add(grid[i]);
            }
        }

        if (candidates.Count == 0)
        {
            return FreyrChoice.Of(ResourceDecision.Within(request.Configured, ResourceDecisionReason.NoValidAction, request.Vm), request.Vm);
        }

        var observation = FreyrFeatures.Observe(request, settings, candidates);
        return FreyrChoice.Open(observation, candidates, verdict.Safeguard ?? ResourceDecisionReason.Learned, request.Vm);
    }
}
