namespace HarvestOrleans.Policies;

/// <summary>What a function's CPU statistics give the balancing policies (see <see cref="CpuProfile"/>).</summary>
/// <param name="ReqCpu">Cores one invocation is planned to use: <see cref="FunctionDemand.CoresPerInvocation"/>.</param>
/// <param name="CpuLimit">The function's CPU limit, for the core gate: <see cref="FunctionDemand.CpuLimit"/>.</param>
/// <param name="ExecutionMs">The execution-time estimate, in ms.</param>
/// <param name="CpuP75">p75 of recent invocations' measured cores (0 before any): <see cref="FunctionDemand.CpuP75"/>.</param>
/// <param name="Profiled">True once measured CPU samples back the estimate.</param>
public readonly record struct CpuEstimate(double ReqCpu, double CpuLimit, double ExecutionMs, double CpuP75, bool Profiled);
