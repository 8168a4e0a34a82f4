namespace HarvestOrleans.UnitTests.Policies;

[Trait("Category", "Unit")]
public sealed class AdmissionLineTests
{
    private sealed record Ticket(string Function, long Cores)
    {
        public bool Abandoned { get; set; }
    }

    /// <summary>A VM of <c>cores</c> milli-cores with a per-function limit, recording what it admitted.</summary>
    private sealed class Vm(long cores, int perFunctionLimit = int.MaxValue) : IAdmissionTaker<Ticket>
    {
        public long InUse { get; set; }

        public Dictionary<string, int> Running { get; } = [];

        public List<Ticket> Admitted { get; } = [];

        public bool TryTake(Ticket ticket)
        {
            if (AtLimit(ticket) || !CoreBudget.Fits(InUse, ticket.Cores, cores))
            {
                return false;
            }

            InUse += ticket.Cores;
            Running[ticket.Function] = Running.GetValueOrDefault(ticket.Function) + 1;
            Admitted.Add(ticket);
            return true;
        }

        public bool IsAbandoned(Ticket ticket) => ticket.Abandoned;

        public bool AtLimit(Ticket ticket) => Running.GetValueOrDefault(ticket.Function) >= perFunctionLimit;

        public string FunctionOf(Ticket ticket) => ticket.Function;

        public void Dequeued(Ticket ticket)
        {
        }
    }

    [Fact]
    public void A_ticket_that_does_not_fit_blocks_smaller_ones_behind_it()
    {
        var line = new AdmissionLine<Ticket>();
        var vm = new Vm(cores: 2000) { InUse = 1000 };
        var big = new Ticket("a", 2000);
        var small = new Ticket("b", 500);
        line.Enqueue(big);
        line.Enqueue(small);
        line.Pump(vm);
        Assert.Empty(vm.Admitted); // first come, first served: the small one does not overtake
        vm.InUse = 0;
        line.Pump(vm);
        Assert.Equal([big], vm.Admitted);
        Assert.Equal(1, line.Count);
    }

    [Fact]
    public void A_ticket_at_its_functions_limit_steps_aside_and_is_served_first_later()
    {
        var line = new AdmissionLine<Ticket>();
        var vm = new Vm(cores: 10_000, perFunctionLimit: 1);
        var a1 = new Ticket("a", 1000);
        var a2 = new Ticket("a", 1000);
        var b = new Ticket("b", 1000);
        foreach (var t in new[] { a1, a2, b })
        {
            line.Enqueue(t);
        }

        line.Pump(vm);
        Assert.Equal([a1, b], vm.Admitted); // a2 stepped aside; b was not blocked behind it
        vm.Running["a"] = 0;
        line.Pump(vm);
        Assert.Equal([a1, b, a2], vm.Admitted);
        Assert.Equal(0, line.Count);
    }

    [Fact]
    public void Abandoned_tickets_are_dropped_without_being_admitted_and_clear_turns_away_the_rest_in_order()
    {
        var line = new AdmissionLine<Ticket>();
        var vm = new Vm(cores: 0);
        var gone = new Ticket("a", 1000) { Abandoned = true };
        var waiting = new[] { new Ticket("a", 1000), new Ticket("b", 1000) };
        line.Enqueue(gone);
        foreach (var t in waiting)
        {
            line.Enqueue(t);
        }

        line.Pump(vm);
        Assert.Empty(vm.Admitted);
        Assert.Equal(2, line.Count);
        var turnedAway = new List<Ticket>();
        line.Clear(vm, turnedAway.Add);
        Assert.Equal(waiting, turnedAway);
        Assert.Equal(0, line.Count);
    }
}
