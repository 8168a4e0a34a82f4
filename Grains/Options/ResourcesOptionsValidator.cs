using HarvestOrleans.Policies;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class ResourcesOptionsValidator(IOptions<ResourcesOptions> options, ResourcePolicies policies) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (!policies.Contains(o.Policy))
        {
            Fail($"Policy '{o.Policy}' is unknown; use one of {string.Join(", ", policies.Names)}.");
        }

        CheckStep(nameof(o.CpuStep), o.CpuStep, nameof(o.MaxCores), o.MaxCores);
        CheckStep(nameof(o.MemoryStepMb), o.MemoryStepMb, nameof(o.MaxMemoryMb), o.MaxMemoryMb);
        if (!(o.UsageThreshold > 0 && o.UsageThreshold <= 1))
        {
            Fail($"UsageThreshold must be in (0, 1], was {o.UsageThreshold}.");
        }

        if (!(o.MinAccelerationEfficiency >= 0 && o.MinAccelerationEfficiency <= 1))
        {
            Fail($"MinAccelerationEfficiency must be in [0, 1], was {o.MinAccelerationEfficiency}.");
        }

        if (o.MinSpeedupSamples < 1)
        {
            Fail($"MinSpeedupSamples must be at least 1, was {o.MinSpeedupSamples}.");
        }

        if (o.SpeedupWindow < 1)
        {
            Fail($"SpeedupWindow must be at least 1, was {o.SpeedupWindow}.");
        }

        if (o.FreyrWeightsPath is { } path)
        {
            try
            {
                _ = FreyrResourcePolicy.Load(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
            {
                Fail($"FreyrWeightsPath '{path}' holds no usable Freyr weights: {ex.Message}");
            }
        }
    }

    private static void CheckStep(string stepName, double step, string maxName, double max)
    {
        if (!(step > 0) || !double.IsFinite(step))
        {
            Fail($"{stepName} must be positive, was {step}.");
        }

        if (!(max > 0) || !double.IsFinite(max) || max / step > ActionGrid.MAX_LEVELS)
        {
            Fail($"{maxName} must be positive and at most {ActionGrid.MAX_LEVELS} steps of {step} ({stepName}), was {max}.");
        }
    }

    private static void Fail(string message) =>
        throw new OrleansConfigurationException($"Invalid {nameof(ResourcesOptions)} ({ResourcesOptions.SectionName}): {message}");
}
