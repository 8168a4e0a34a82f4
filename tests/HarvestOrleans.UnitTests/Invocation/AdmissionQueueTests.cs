using HarvestOrleans.Tests.Invocation;
using HarvestOrleans.Grains.Invoker;

namespace HarvestOrleans.UnitTests.Invocation;

[Trait("Category", "Unit")]
public class AdmissionQueueTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static AdmissionTicket Ticket(double cores = 1, string function = "f", int maxConcurrency = 100) => new(function, cores, 128, maxConcurrency);

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in time");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task Admits_within_cores_and_queues_the_rest_in_order()
    {
        await using var queue = new AdmissionQueue(cores: 2, capacity: 10);
        var tickets = Enumerable.Range(0, 4).Select(_ => Ticket()).ToArray();
        Assert.All(tickets, t => Assert.True(queue.TryEnqueue(t)));

        await Task.WhenAll(tickets[0].WhenAdmitted, tickets[1].WhenAdmitted).WaitAsync(Timeout);
        await WaitForAsync(() => queue.QueueLength == 2);
        Assert.False(tickets[2].WhenAdmitted.IsCompleted);
        Assert.Equal(2, queue.CoresInUse);

        queue.Release(tickets[0]);
        await tickets[2].WhenAdmitted.WaitAsync(Timeout);
        Assert.False(tickets[3].WhenAdmitted.IsCompleted);
    }

    [Fact]
    public async Task Full_queue_refuses_new_tickets()
    {
        await using var queue = new AdmissionQueue(cores: 0, capacity: 2);
        Assert.True(queue.TryEnqueue(Ticket()));
        Assert.True(queue.TryEnqueue(Ticket()));
        Assert.False(queue.TryEnqueue(Ticket()));
        Assert.Equal(2, queue.QueueLength);
    }

    [Fact]
    public async Task Shrinking_keeps_running_work_and_admits_nothing_until_usage_fits()
    {
        await using var queue = new AdmissionQueue(cores: 4, capacity: 10);
        var running = Enumerable.Range(0, 4).Select(_ => Ticket()).ToArray();
        foreach (var t in running)
        {
            queue.TryEnqueue(t);
        }

        await Task.WhenAll(running.Select(t => t.WhenAdmitted)).WaitAsync(Timeout);
        queue.Resize(2);
        var waiting = Ticket();
        queue.TryEnqueue(waiting);
        await WaitForAsync(() => queue.Cores == 2);
        Assert.Equal(4, queue.CoresInUse); // nothing was killed

        queue.Release(running[0]);
        queue.Release(running[1]);
        await WaitForAsync(() => queue.CoresInUse == 2);
        Assert.False(waiting.WhenAdmitted.IsCompleted); // 2 in use on 2 cores: still no room

        queue.Release(running[2]);
        await waiting.WhenAdmitted.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Growing_admits_waiting_work_at_once()
    {
        await using var queue = new AdmissionQueue(cores: 1, capacity: 10);
        var tickets = Enumerable.Range(0, 3).Select(_ => Ticket()).ToArray();
        foreach (var t in tickets)
        {
            queue.TryEnqueue(t);
        }

        await tickets[0].WhenAdmitted.WaitAsync(Timeout);
        queue.Resize(3);
        await Task.WhenAll(tickets.Select(t => t.WhenAdmitted)).WaitAsync(Timeout);
        Assert.Equal(3, queue.CoresInUse);
    }

    [Fact]
    public async Task A_function_at_its_concurrency_limit_does_not_block_others()
    {
        await using var queue = new AdmissionQueue(cores: 8, capacity: 10);
        var a1 = Ticket(function: "a", maxConcurrency: 1);
        var a2 = Ticket(function: "a", maxConcurrency: 1);
        var b = Ticket(function: "b");
        queue.TryEnqueue(a1);
        queue.TryEnqueue(a2);
        queue.TryEnqueue(b);

        await Task.WhenAll(a1.WhenAdmitted, b.WhenAdmitted).WaitAsync(Timeout);
        Assert.False(a2.WhenAdmitted.IsCompleted);
        queue.Release(a1);
        await a2.WhenAdmitted.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Abandoned_tickets_never_take_cores()
    {
        await using var queue = new AdmissionQueue(cores: 1, capacity: 10);
        var first = Ticket();
        var abandoned = Ticket();
        var last = Ticket();
        queue.TryEnqueue(first);
        queue.TryEnqueue(abandoned);
        queue.TryEnqueue(last);
        await first.WhenAdmitted.WaitAsync(Timeout);

        Assert.True(abandoned.TryAbandon());
        queue.NotifyAbandoned();
        queue.Release(first);
        await last.WhenAdmitted.WaitAsync(Timeout);
        Assert.False(await abandoned.WhenAdmitted); // abandoned, never admitted
        Assert.Equal(1, queue.CoresInUse);
        await WaitForAsync(() => queue.QueueLength == 0);
    }

    [Fact]
    public async Task Concurrency_never_exceeds_cores_under_a_storm()
    {
        await using var queue = new AdmissionQueue(cores: 3, capacity: 10_000);
        var active = 0;
        var maxSeen = 0;
        var resizes = Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                queue.Resize(1 + (i % 4));
                await Task.Delay(2);
            }

            queue.Resize(4);
        });

        var work = Enumerable.Range(0, 400).Select(async _ =>
        {
            var t = Ticket();
            Assert.True(queue.TryEnqueue(t));
            await t.WhenAdmitted.WaitAsync(Timeout);
            var now = Interlocked.Increment(ref active);
            InterlockedMax(ref maxSeen, now);
            Assert.True(now <= 4, $"{now} running on at most 4 cores");
            await Task.Yield();
            Interlocked.Decrement(ref active);
            queue.Release(t);
        });

        await Task.WhenAll(work.Append(resizes)).WaitAsync(Timeout);
        Assert.InRange(maxSeen, 1, 4);
        await WaitForAsync(() => queue.CoresInUse == 0);
    }

    [Fact]
    public async Task A_queue_wait_timeout_that_fires_after_the_admission_leaves_the_ticket_admitted_and_releasable()
    {
        // The leak of issue 12: the pump admits the ticket and its caller's queue-wait timer fires anyway (it was
        // already running). The admission stands, the caller is told so, and releasing it returns everything.
        await using var queue = new AdmissionQueue(cores: 1, capacity: 10);
        var timers = new ManualTimers();
        var first = Ticket();
        Assert.True(queue.TryEnqueue(first));
        Assert.True(await first.WhenAdmitted.WaitAsync(Timeout));
        var second = Ticket();
        Assert.True(queue.TryEnqueue(second));
        var wait = queue.WaitAsync(second, TimeSpan.FromSeconds(1), timers);

        queue.Release(first);
        Assert.True(await second.WhenAdmitted.WaitAsync(Timeout)); // the pump admitted it
        Assert.Equal(1, timers.FireAll()); // then its timeout fires
        Assert.True(await wait.WaitAsync(Timeout), "an admitted ticket is reported admitted, however late its timer fires");
        Assert.False(second.TryAbandon());
        Assert.Equal(1, queue.Running);

        queue.Release(second);
        Assert.Equal(0, queue.CoresInUse);
        Assert.Equal(0, queue.Running);
        Assert.Equal(0, queue.MemoryInUseMb);
    }

    [Fact]
    public async Task A_queue_wait_timeout_that_fires_while_the_pump_admits_the_ticket_neither_leaks_it_nor_fails_the_wait()
    {
        // The exact window of issue 12's leak, driven deterministically: the timer fires after the pump decided to
        // admit the ticket and before its caller could know (the admission hook runs in between).
        await using var queue = new AdmissionQueue(cores: 1, capacity: 10);
        var timers = new ManualTimers();
        var first = Ticket();
        Assert.True(queue.TryEnqueue(first));
        Assert.True(await first.WhenAdmitted.WaitAsync(Timeout));
        var second = Ticket();
        Assert.True(queue.TryEnqueue(second));
        var wait = queue.WaitAsync(second, TimeSpan.FromSeconds(1), timers);
        var fired = 0;
        queue.OnAdmitted = (ticket, _, _) => fired += ticket == second ? timers.FireAll() : 0;

        queue.Release(first);
        Assert.True(await wait.WaitAsync(Timeout), "the admission stands and the waiter is told so");
        Assert.Equal(1, fired);
        Assert.Equal(1, queue.Running);
        queue.Release(second);
        Assert.Equal(0, queue.CoresInUse);
        Assert.Equal(0, queue.Running);
    }

    [Fact]
    public async Task A_queue_wait_timeout_that_fires_before_the_admission_holds_nothing()
    {
        await using var queue = new AdmissionQueue(cores: 1, capacity: 10);
        var timers = new ManualTimers();
        var first = Ticket();
        Assert.True(queue.TryEnqueue(first));
        var second = Ticket();
        Assert.True(queue.TryEnqueue(second));
        var wait = queue.WaitAsync(second, TimeSpan.FromSeconds(1), timers);

        Assert.Equal(1, timers.FireAll());
        Assert.False(await wait.WaitAsync(Timeout));
        queue.Release(first);
        var third = Ticket();
        Assert.True(queue.TryEnqueue(third));
        Assert.True(await third.WhenAdmitted.WaitAsync(Timeout)); // the abandoned one took nothing
        await WaitForAsync(() => queue.QueueLength == 0);
        Assert.Equal(1, queue.CoresInUse);
        queue.Release(third);
        Assert.Equal(0, queue.CoresInUse);
        Assert.Equal(0, queue.Running);
    }

    [Fact]
    public async Task A_ticket_is_released_exactly_once()
    {
        await using var queue = new AdmissionQueue(cores: 1, capacity: 10);
        var ticket = Ticket();
        Assert.True(queue.TryEnqueue(ticket));
        Assert.True(await ticket.WhenAdmitted.WaitAsync(Timeout));
        queue.Release(ticket);
        Assert.Throws<InvalidOperationException>(() => queue.Release(ticket));
        Assert.Throws<InvalidOperationException>(() => queue.Release(Ticket()));
        Assert.Equal(0, queue.CoresInUse);
        Assert.Equal(0, queue.Running);
    }

    [Fact]
    public async Task A_closed_queue_admits_nothing_even_when_it_fits_and_turns_waiting_tickets_away()
    {
        await using var queue = new AdmissionQueue(cores: 1, capacity: 10);
        var running = Ticket();
        Assert.True(queue.TryEnqueue(running));
        Assert.True(await running.WhenAdmitted.WaitAsync(Timeout));
        var waiting = Ticket();
        Assert.True(queue.TryEnqueue(waiting));

        queue.Close(new AdmissionCancelledException("draining"));
        Assert.True(queue.IsClosed);
        await Assert.ThrowsAsync<AdmissionCancelledException>(() => waiting.WhenAdmitted.WaitAsync(Timeout));
        Assert.Equal(1, queue.Running); // running work is untouched

        queue.Release(running);
        var late = Ticket();
        Assert.True(queue.TryEnqueue(late)); // it would fit now: still turned away
        var error = await Assert.ThrowsAsync<AdmissionCancelledException>(() => late.WhenAdmitted.WaitAsync(Timeout));
        Assert.Equal("draining", error.Message);
        Assert.Equal(0, queue.Running);
        Assert.Equal(0, queue.CoresInUse);
        await WaitForAsync(() => queue.QueueLength == 0);

        queue.Open();
        var again = Ticket();
        Assert.True(queue.TryEnqueue(again));
        Assert.True(await again.WhenAdmitted.WaitAsync(Timeout));
    }

    private static void InterlockedMax(ref int location, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref location)) && Interlocked.CompareExchange(ref location, value, current) != current)
        {
        }
    }
}
