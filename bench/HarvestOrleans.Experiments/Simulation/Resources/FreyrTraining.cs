using HarvestOrleans.Policies;
using HarvestOrleans.Simulation;
using HarvestOrleans.Simulation.Workloads;

namespace HarvestOrleans.Experiments.Simulation.Resources;

/// <summary>What one training episode gave: its decisions, its invocations' mean slowdown, and the update after it.</summary>
public sealed record FreyrEpisode(int Episode, int Decisions, double MeanSlowdown, PpoUpdateStats? Update);

/// <summary>
/// Trains Freyr's network with PPO in the simulator, deterministically for a seed: each episode replays a window of the
/// <see cref="FreyrWorkload"/> (a different generated day per episode), then one PPO update on its decisions.
/// </summary>
public static class FreyrTraining
{
    public const int DEFAULT_EPISODES = 20;

    public const int DEFAULT_EPISODE_MINUTES = 5;

    /// <returns>The trained network and every episode's figures.</returns>
    public static (ScoreActorCritic Network, IReadOnlyList<FreyrEpisode> Episodes) Train(
        ResourcesOptions options, int episodes = DEFAULT_EPISODES, int episodeMinutes = DEFAULT_EPISODE_MINUTES, Action<FreyrEpisode>? progress = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(episodeMinutes, 1);
        var random = new Random(options.Seed);
        var trainer = new PpoTrainer(FreyrFeatures.NewNetwork(random), new PpoSettings(), options.Seed);
        var history = new List<FreyrEpisode>();
        for (var episode = 0; episode < episodes; episode++)
        {
            var workload = FreyrWorkload.Create(seed: 1000 + (options.Seed * 7919L) + episode, episodeMinutes, options.InvocationsPerMinute);
            var learner = new FreyrTrainingPolicy(trainer, options.Settings);
            var registry = new ResourcePolicies([new FixedResourcePolicy(), new GreedyResourcePolicy(), learner]);
            var simulation = new Simulator(
                ResourcesExperiment.Options(options with { Seed = options.Seed + episode }, ResourcePolicyNames.Freyr, registry),
                ResourcesExperiment.Vms(options with { Minutes = episodeMinutes }),
                workload.Functions,
                new OpenLoopWorkload(workload.Arrivals),
                learner.Completed);
            simulation.Run(TimeSpan.FromSeconds(workload.Seconds));
            PpoUpdateStats? update = null;
            if (learner.Rollout.Count > 0)
            {
                learner.Rollout.EndEpisode();
                update = trainer.Update(learner.Rollout);
            }

            var figures = new FreyrEpisode(episode + 1, learner.Rollout.Count, learner.Slowdowns.Count == 0 ? double.NaN : learner.Slowdowns.Average(), update);
            history.Add(figures);
            progress?.Invoke(figures);
        }

        return (trainer.Network, history);
    }
}
