using HarvestOrleans.Grains.Options;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace HarvestOrleans.UnitTests.Cluster;

/// <summary>Absurd eviction options fail at start-up with a message naming the option and its range.</summary>
[Trait("Category", "Unit")]
public class EvictionOptionsValidatorTests
{
    private static void Validate(EvictionOptions options) =>
        new EvictionOptionsValidator(MsOptions.Create(options), new EvictionPolicies()).ValidateConfiguration();

    [Fact]
    public void The_defaults_pass_and_an_entity_home_check_under_100_ms_fails()
    {
        Validate(new EvictionOptions());
        Validate(new EvictionOptions { EntityHomeCheckInterval = EvictionOptions.MIN_ENTITY_HOME_CHECK_INTERVAL });

        var ex = Assert.Throws<OrleansConfigurationException>(() => Validate(new EvictionOptions { EntityHomeCheckInterval = TimeSpan.FromMilliseconds(10) }));
        Assert.Contains("EntityHomeCheckInterval must be at least 100 ms", ex.Message);
        Assert.Throws<OrleansConfigurationException>(() => Validate(new EvictionOptions { EntityHomeCheckInterval = TimeSpan.FromSeconds(-1) }));
    }
}
