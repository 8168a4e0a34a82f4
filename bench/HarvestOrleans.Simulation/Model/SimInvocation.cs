using HarvestOrleans.Policies;
using HarvestOrleans.Simulation.Output;

namespace HarvestOrleans.Simulation.Model;

/// <summary>One invocation across its attempts: what the caller knows of it, and what its current attempt is doing.</summary>
internal sealed class SimInvocation(long id, int function, int token, long sentUs, RetryBudget budget)
{
    public long Id { get; } = id;

    public int Function { get; } = function;

    /// <summary>The workload's token (a closed-loop user), or -1.</summary>
    public int Token { get; } = token;

    public long SentUs { get; } = sentUs;

    public RetryBudget Budget { get; } = budget;

    public int Attempts { get; set; }

    /// <summary>VMs this invocation failed on (allocated on the first failure).</summary>
    public HashSet<string>? Excluded { get; set; }

    // The current attempt.
    public SimVm? Vm { get; set; }

    public ReservationLedger.Reservation Reservation;

    public AttemptState State { get; set; }

    /// <summary>Bumped whenever the attempt moves on, so its stale timers do nothing.</summary>
    public long Generation { get; set; }

    public bool Overload { get; set; }

    public long QueuedUs { get; set; }

    public long AdmittedUs { get; set; }

    public long ExecutionStartUs { get; set; }

    public long CoresMilli { get; set; }

    /// <summary>The resource manager's decision for the current attempt.</summary>
    public ResourceDecision Resources { get; set; }

    public long MemoryMilli { get; set; }

    public double QueueMs { get; set; }

    public double InitMs { get; set; }

    public double ExecutionMs { get; set; }

    public double CpuSeconds { get; set; }

    public bool ColdStart { get; set; }

    /// <summary>The attempt's outcome, as the VM replies it.</summary>
    public SimStatus Outcome { get; set; }

    public string? OutcomeError { get; set; }

    /// <summary>Resets what an attempt measured before the next one.</summary>
    public void NewAttempt()
    {
        Vm = null;
        Overload = false;
        (QueueMs, InitMs, ExecutionMs, CpuSeconds, ColdStart) = (0, 0, 0, 0, false);
        OutcomeError = null;
        State = AttemptState.Routing;
        Generation++;
    }
}
