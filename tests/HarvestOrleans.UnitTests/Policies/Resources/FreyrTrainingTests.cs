using Xunit.Abstractions;

namespace HarvestOrleans.UnitTests.Policies;

/// <summary>The learned policy end to end: features and safeguard, PPO, the weights file, the policy deciding with it.</summary>
[Trait("Category", "Unit")]
public sealed class FreyrTrainingTests(ITestOutputHelper output)
{
    [Fact]
    public void A_network_trained_to_harvest_makes_freyr_harvest_more_than_random_choices_within_its_safeguard()
    {
        var network = FreyrFeatures.NewNetwork(new Random(5));
        var trainer = new PpoTrainer(network, new PpoSettings { MinibatchSize = 32 }, seed: 5);
        var environment = new HarvestToyEnvironment(seed: 5);
        for (var i = 0; i < 40; i++)
        {
            trainer.Update(trainer.Collect(environment, steps: 128));
        }

        var path = Path.Combine(Path.GetTempPath(), $"freyr-{Guid.NewGuid():N}.json");
        try
        {
            network.Save(path, description: "harvest toy");
            Assert.True(new FileInfo(path).Length < 64 * 1024);
            var policy = FreyrResourcePolicy.Load(path);
            Assert.True(policy.HasWeights);

            var evaluation = new HarvestToyEnvironment(seed: 99);
            var random = new Random(3);
            double trained = 0, chosenAtRandom = 0;
            for (var i = 0; i < 400; i++)
            {
                var request = evaluation.NextRequest();
                var settings = HarvestToyEnvironment.Settings;
                var decision = policy.Decide(request, settings);
                var verdict = FreyrSafeguard.Judge(request, settings);
                Assert.True(verdict.Allows(decision.Allocation, request.Vm), $"{decision.Allocation} is outside the safeguard's ranges.");
                Assert.Equal(decision, new FreyrResourcePolicy(network).Decide(request, settings)); // the file decides as the network

                var choice = FreyrResourcePolicy.Observe(request, settings);
                var other = choice.Decided ?? choice.Choose(random.Next(choice.Candidates.Count));
                trained += HarvestToyEnvironment.Reward(decision.Allocation, request.Configured);
                chosenAtRandom += HarvestToyEnvironment.Reward(other.Allocation, request.Configured);
            }

            output.WriteLine($"harvested share per invocation: trained {trained / 400:0.000}, random {chosenAtRandom / 400:0.000}; weights file {new FileInfo(path).Length} bytes");
            Assert.True(trained > chosenAtRandom * 1.2, $"Trained harvested {trained / 400:0.000} per invocation, random {chosenAtRandom / 400:0.000}.");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
