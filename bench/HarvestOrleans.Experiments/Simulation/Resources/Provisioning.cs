namespace HarvestOrleans.Experiments.Simulation.Resources;

/// <summary>How a user configured a function against what it needs, as the Freyr paper's workload mixes them.</summary>
public enum Provisioning
{
    /// <summary>Twice the cores it can use and twice its peak memory: there is something to harvest.</summary>
    Over,

    /// <summary>What it needs: its cores rounded up, its peak memory plus a step.</summary>
    Right,

    /// <summary>Fewer cores than it can keep busy (only a parallel function can be): more cores would speed it up.</summary>
    Under,
}
