namespace HarvestOrleans.Grains.Provisioning;

/// <summary>What the resource monitor does on one check.</summary>
internal enum ProvisioningDecision
{
    /// <summary>At or above the minimum (or no minimum): nothing to do.</summary>
    Enough,

    /// <summary>Below the minimum, but a request made earlier still covers the deficit: wait for it.</summary>
    Waiting,

    /// <summary>Below the minimum with nothing pending: request <see cref="ProvisioningPlan.Requested"/> cores.</summary>
    Request,
}

/// <summary>
/// The resource monitor's rule for asking for cores. Within its grace period a request covers the deficit it was made
/// for until the provisioner has finished and all its cores have arrived: cores that grow but stay under the minimum (a
/// first VM of several arrived) are not asked for again and again; at most one request per grace period is open.
/// </summary>
internal sealed class ProvisioningPlan(TimeSpan grace)
{
    private DateTimeOffset _requestedAt = DateTimeOffset.MinValue;
    private double _expectedCores; // the Active cores once the last request is met

    /// <summary>The cores asked for by the last <see cref="ProvisioningDecision.Request"/>.</summary>
    public double Requested { get; private set; }

    /// <summary>Decides for a check at <paramref name="now"/> seeing <paramref name="cores"/> Active cores.</summary>
    /// <param name="provisioning">The provisioner is still working on the last request.</param>
    public ProvisioningDecision Decide(DateTimeOffset now, double cores, double minimum, bool provisioning)
    {
        if (!(minimum > 0) || cores >= minimum)
        {
            return ProvisioningDecision.Enough;
        }

        var pending = now - _requestedAt < grace && (provisioning || cores < _expectedCores);
        if (pending)
        {
            return ProvisioningDecision.Waiting;
        }

        Requested = minimum - cores;
        _requestedAt = now;
        _expectedCores = minimum;
        return ProvisioningDecision.Request;
    }
}
