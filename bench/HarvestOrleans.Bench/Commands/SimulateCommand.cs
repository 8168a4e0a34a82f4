using System.CommandLine;

namespace HarvestOrleans.Bench.Commands;

/// <summary>
/// <c>simulate &lt;experiment&gt;</c>: the discrete-event simulator on the live policy code (HarvestOrleans.Simulation),
/// one subcommand per experiment.
/// </summary>
internal sealed class SimulateCommand : Command
{
    public SimulateCommand()
        : base("simulate", "The simulator: the policies the silos run, in virtual time, at any scale. One subcommand per experiment.")
    {
        Add(SimulateCompareCommand.Create());
        Add(SimulateFidelityCommand.Create());
        Add(new SimulateScaleCommand());
        Add(SimulateBalancersCommand.Create());
        Add(SimulateBudgetCommand.Create());
        Add(SimulateEvictionsCommand.Create());
        Add(SimulateHandoverCommand.Create());
        Add(SimulateResourcesCommand.Create());
        Add(SimulateTrainFreyrCommand.Create());
    }
}
