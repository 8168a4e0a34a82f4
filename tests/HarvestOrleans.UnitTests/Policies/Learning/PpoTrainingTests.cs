using Xunit.Abstractions;

namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public sealed class PpoTrainingTests(ITestOutputHelper output)
{
    private static readonly PpoSettings Settings = new() { MinibatchSize = 32 };

    private static (ScoreActorCritic Network, List<PpoUpdateStats> Updates) Train(int seed, int iterations)
    {
        var network = new ScoreActorCritic(["u"], ["feature"], PpoSettings.DefaultHiddenSizes, NetworkActivation.Tanh, new Random(seed));
        var trainer = new PpoTrainer(network, Settings, seed);
        var environment = new PickTheSignEnvironment(seed);
        var updates = new List<PpoUpdateStats>();
        for (var i = 0; i < iterations; i++)
        {
            updates.Add(trainer.Update(trainer.Collect(environment, steps: 128)));
        }

        return (network, updates);
    }

    [Fact]
    public void Training_on_a_toy_problem_lowers_the_loss_and_beats_a_random_policy()
    {
        var (network, updates) = Train(seed: 42, iterations: 60);

        var early = updates.Take(3).Average(u => u.Loss);
        var late = updates.TakeLast(3).Average(u => u.Loss);
        Assert.True(late < early, $"The loss went from {early:0.000} to {late:0.000}.");
        Assert.True(updates.TakeLast(3).Average(u => u.ValueLoss) < updates.Take(3).Average(u => u.ValueLoss));
        Assert.True(updates.TakeLast(3).Average(u => u.Entropy) < updates.Take(3).Average(u => u.Entropy));

        var random = new Random(1);
        var evaluation = new PickTheSignEnvironment(seed: 1000);
        var randomReward = evaluation.MeanReward(o => random.Next(o.Candidates.Count), 2000);
        var trainedReward = evaluation.MeanReward(network.Best, 2000);
        output.WriteLine($"loss {early:0.000} → {late:0.000}; mean reward trained {trainedReward:0.000}, random {randomReward:0.000}");
        Assert.InRange(randomReward, 0.2, 0.35); // 1 in 3 to 5
        Assert.True(trainedReward > randomReward + 0.5, $"Trained {trainedReward:0.000} vs random {randomReward:0.000}.");
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed()
    {
        var first = Train(seed: 7, iterations: 3).Network.Export().ToJson();
        var again = Train(seed: 7, iterations: 3).Network.Export().ToJson();
        var other = Train(seed: 8, iterations: 3).Network.Export().ToJson();

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Weights_round_trip_through_their_json_file()
    {
        var (network, _) = Train(seed: 3, iterations: 2);
        var path = Path.Combine(Path.GetTempPath(), $"score-policy-{Guid.NewGuid():N}.json");
        try
        {
            network.Save(path, description: "toy");
            var loaded = ScoreActorCritic.Load(path);

            Assert.Equal(network.Export().ToJson(), loaded.Export().ToJson());
            Assert.Equal("toy", ScorePolicyWeights.Load(path).Description);
            var observation = new PickTheSignEnvironment(seed: 5).Reset();
            Assert.Equal(network.Scores(observation), loaded.Scores(observation));
            Assert.Equal(network.StateValue(observation.State), loaded.StateValue(observation.State));
            Assert.InRange(new FileInfo(path).Length, 1, 64 * 1024);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_of_another_format_or_not_json_is_refused()
    {
        var json = new ScoreActorCritic(["u"], ["f"], [2], NetworkActivation.Relu, new Random(1)).Export().ToJson();

        Assert.Throws<FormatException>(() => ScorePolicyWeights.FromJson(json.Replace(ScorePolicyWeights.CURRENT_FORMAT, "other/1")));
        Assert.Throws<FormatException>(() => ScorePolicyWeights.FromJson("{ not json"));
        Assert.Equal(NetworkActivation.Relu, ScoreActorCritic.Import(ScorePolicyWeights.FromJson(json)).Score.Activation);
    }
}
