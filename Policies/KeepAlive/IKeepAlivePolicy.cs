namespace HarvestOrleans.Policies;

/// <summary>Decides how long a VM keeps a function's instance warm, from that function's history of idle times.</summary>
public interface IKeepAlivePolicy
{
    string Name { get; }

    KeepAliveWindows Windows(IdleTimeHistogram idleTimes);
}
