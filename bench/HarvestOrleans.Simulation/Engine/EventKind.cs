namespace HarvestOrleans.Simulation.Engine;

/// <summary>What happens at one instant of simulated time.</summary>
internal enum EventKind
{
    WorkloadWake,
    Attempt,
    ReachVm,
    QueueTimeout,
    InstanceReady,
    ExecutionEnd,
    Reply,
    ReportTick,
    ViewTick,
    CoreStep,
    VmJoin,
    VmNotice,
    VmLoss,
    InstanceExpiry,
    PreWarm,
    SampleTick,
    HandoverEnd,
    HandoverRetry,
}
