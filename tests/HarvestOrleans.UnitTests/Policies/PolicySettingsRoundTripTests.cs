using System.Reflection;
using HarvestOrleans.Client.Routing;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Routing;
using HarvestOrleans.Grains.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace HarvestOrleans.UnitTests.Policies;

/// <summary>Every balancing setting reaches the caller that picks: from the options, through the lease, into the plan.</summary>
[Trait("Category", "Unit")]
public class PolicySettingsRoundTripTests
{
    private static readonly PropertyInfo[] SettingsProperties = typeof(BalancingPolicySettings)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && p.Name != "EqualityContract")
        .ToArray();

    /// <summary>Settings in which every property differs from its default.</summary>
    private static BalancingPolicySettings AllChanged()
    {
        var settings = new BalancingPolicySettings();
        foreach (var p in SettingsProperties)
        {
            p.SetValue(settings, Changed(p.GetValue(settings)!));
        }

        return settings;
    }

    private static object Changed(object value) => value switch
    {
        bool b => !b,
        int i => i + 7,
        long l => l + 7,
        double d => d / 2,
        TimeSpan t => t + TimeSpan.FromMilliseconds(7),
        PolicyMode m => m == PolicyMode.Default ? PolicyMode.Paper : PolicyMode.Default,
        _ => throw new NotSupportedException($"Teach this test a non-default value of {value.GetType()}."),
    };

    [Fact]
    public void Every_setting_survives_the_lease_round_trip_into_the_callers_plan()
    {
        Assert.NotEmpty(SettingsProperties);
        var sent = AllChanged();
        foreach (var p in SettingsProperties)
        {
            Assert.NotEqual(p.GetValue(BalancingPolicySettings.Default), p.GetValue(sent)); // the test itself changed it
        }

        using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(RouteLease).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var lease = new RouteLease
        {
            Function = "f",
            Policy = BalancingPolicyNames.MinWorkerSet,
            Spec = new HarvestOrleans.Functions.FunctionSpec { Name = "f" },
            Settings = sent,
            CoresPerInvocation = 0.4,
            CpuLimit = 2,
        };
        var received = serializer.Deserialize<RouteLease>(serializer.SerializeToArray(lease))!;
        var route = new CachedRoute(received, expiresAt: 0, new BalancingPolicies());

        foreach (var p in SettingsProperties)
        {
            Assert.True(Equals(p.GetValue(sent), p.GetValue(route.Plan!.Settings)), $"{p.Name} was dropped on the way to the caller's plan.");
        }

        Assert.Equal(sent, route.Plan!.Settings);

        // The planner's measured reqCpu and CPU limit, not the cores the spec declares: the caller's pick is the planner's.
        Assert.Equal((0.4, 2.0), (route.Plan.CoresPerInvocation, route.Plan.CpuLimit));
    }

    [Fact]
    public void Paper_mode_is_selected_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{BalancingOptions.SectionName}:Mode"] = "Paper" })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<BalancingOptions>().BindConfiguration(BalancingOptions.SectionName); // as the silo binds it
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<BalancingOptions>>().Value;

        Assert.Equal(PolicyMode.Paper, options.Mode);
        Assert.Equal(PolicyMode.Paper, options.ToSettings().Mode);
        Assert.Equal(PolicyMode.Default, new BalancingOptions().ToSettings().Mode);
    }

    [Fact]
    public void Every_setting_is_configurable_and_defaults_to_its_one_home()
    {
        Assert.Equal(BalancingPolicySettings.Default, new BalancingOptions().ToSettings());

        var changed = AllChanged();
        var options = new BalancingOptions();
        foreach (var p in SettingsProperties)
        {
            // The option of the same name; a "...Ms" setting is configured as a TimeSpan without the suffix.
            var option = typeof(BalancingOptions).GetProperty(p.Name)
                ?? typeof(BalancingOptions).GetProperty(p.Name[..^2])
                ?? throw new Xunit.Sdk.XunitException($"BalancingOptions has no option for the setting {p.Name}.");
            var value = p.GetValue(changed)!;
            option.SetValue(options, option.PropertyType == typeof(TimeSpan) ? TimeSpan.FromMilliseconds(Convert.ToDouble(value)) : value);
        }

        Assert.Equal(changed, options.ToSettings());
    }

    [Theory]
    [InlineData(PolicyMode.Default, true)]
    [InlineData(PolicyMode.Paper, true)]
    [InlineData((PolicyMode)7, false)] // binds from "7", names no mode
    public void The_validator_accepts_only_named_modes(PolicyMode mode, bool valid)
    {
        var validator = new BalancingOptionsValidator(Options.Create(new BalancingOptions { Mode = mode }), new BalancingPolicies());
        var error = Record.Exception(validator.ValidateConfiguration);
        Assert.Equal(valid, error is null);
        Assert.True(valid || error is OrleansConfigurationException);
    }
}
