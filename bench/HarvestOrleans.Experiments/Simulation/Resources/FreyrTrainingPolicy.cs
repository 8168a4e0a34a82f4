using HarvestOrleans.Policies;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Experiments.Simulation.Resources;

/// <summary>
/// Freyr while it learns, inside the simulator: the same safeguard and candidates as <see cref="FreyrResourcePolicy"/>
/// (<see cref="FreyrResourcePolicy.Observe"/>), an action sampled from the current network instead of its best, each
/// decision kept in a rollout, and each completed invocation's reward (<see cref="FreyrReward"/>, on its slowdown)
/// credited to the latest decision, as the authors reward a step with what finished since the one before.
/// </summary>
internal sealed class FreyrTrainingPolicy(PpoTrainer trainer, ResourcePolicySettings settings) : IResourcePolicy
{
    /// <summary>
    /// The slowdown a failed invocation counts as: it spent its run and must run again, so at least twice the time.
    /// (Within the safeguard's range memory never goes below a recent peak, so failures are rare.)
    /// </summary>
    public const double FAILED_SLOWDOWN = 2;

    private long _completed;
    private int _last = -1;

    public string Name => ResourcePolicyNames.Freyr;

    /// <summary>The decisions of the episode so far.</summary>
    public PpoRollout Rollout { get; } = new();

    /// <summary>Slowdowns of the episode's completed invocations (failed ones as <see cref="FAILED_SLOWDOWN"/>).</summary>
    public List<double> Slowdowns { get; } = [];

    public ResourceDecision Decide(ResourceRequest request, ResourcePolicySettings decideSettings)
    {
        var choice = FreyrResourcePolicy.Observe(request, decideSettings);
        if (choice.Decided is { } decided)
        {
            return decided;
        }

        var decision = trainer.Act(choice.Observation!);
        _last = Rollout.Add(choice.Observation!, decision);
        return choice.Choose(decision.Action);
    }

    /// <summary>The simulator's sink: credits a completed invocation's reward to the latest decision.</summary>
    public void Completed(SimRecord record)
    {
        if (!record.Ran)
        {
            return;
        }

        var slowdown = record.IsSuccess && double.IsFinite(record.Slowdown) ? record.Slowdown : FAILED_SLOWDOWN;
        Slowdowns.Add(slowdown);
        _completed++;
        if (_last >= 0)
        {
            Rollout.AddReward(_last, FreyrReward.Step([(slowdown, new ResourceAllocation(record.ConfiguredCores, record.ConfiguredMemoryMb))], _completed, settings));
        }
    }
}
