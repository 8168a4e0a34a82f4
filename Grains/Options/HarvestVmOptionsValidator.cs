using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.Options;

internal sealed class HarvestVmOptionsValidator(IOptions<HarvestVmOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        var o = options.Value;
        if (o.VmId is not null && !Functions.FunctionSpec.IsValidName(o.VmId))
        {
            Fail($"VmId '{o.VmId}' is invalid: use 1-64 characters, a letter first, then letters, digits, '.', '_' or '-'.");
        }

        if (!(o.Cores >= 0) || o.Cores > HarvestVmOptions.MAX_CORES)
        {
            Fail($"Cores must be in [0, {HarvestVmOptions.MAX_CORES}], was {o.Cores}.");
        }

        if (!(o.MemoryMb > 0))
        {
            Fail($"MemoryMb must be positive, was {o.MemoryMb}.");
        }

        if (!(o.PricePerCoreHour >= 0))
        {
            Fail($"PricePerCoreHour must not be negative, was {o.PricePerCoreHour}.");
        }
    }

    private static void Fail(string message) =>
        throw new OrleansConfigurationException($"Invalid {nameof(HarvestVmOptions)} ({HarvestVmOptions.SectionName}): {message}");
}
