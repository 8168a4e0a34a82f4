using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Tests.Invocation;
using Microsoft.Coyote;
using Microsoft.Coyote.Specifications;
using Microsoft.Coyote.SystematicTesting;
using Xunit;
using Xunit.Abstractions;

namespace HarvestOrleans.Coyote.Tests;

/// <summary>
/// The admission queue's races explored systematically: Coyote runs each scenario many times, choosing the order of
/// every task step, await, Interlocked and Volatile operation (from a seed, so a failure replays), and checks the
/// invariants in each. The queue's own loop reads a BCL channel, which Coyote does not control; it still chooses among
/// everything else.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AdmissionQueueCoyoteTests(ITestOutputHelper output)
{
    private const uint Iterations = 300;

    /// <summary>The leak of issue 12: a queue-wait timeout fires as a release lets the pump admit the ticket.</summary>
    [Fact]
    public void A_queue_wait_timeout_racing_the_admission_never_leaks_the_ticket() => Explore(async () =>
    {
        await using var queue = new AdmissionQueue(cores: 1, capacity: 10);
        var timers = new ManualTimers();
        var first = new AdmissionTicket("f", 1, 64, 10);
        var second = new AdmissionTicket("f", 1, 64, 10);
        queue.TryEnqueue(first);
        Specification.Assert(await first.WhenAdmitted, "the first ticket fits at once");
        queue.TryEnqueue(second);

        var wait = queue.WaitAsync(second, TimeSpan.FromSeconds(1), timers);
        var release = Task.Run(() => queue.Release(first));
        var timeout = Task.Run(timers.FireAll);
        var admitted = await wait;
        await Task.WhenAll(release, timeout);
        if (admitted)
        {
            queue.Release(second);
        }

        await QuiesceAsync(queue);
        Specification.Assert(queue.CoresInUse == 0 && queue.Running == 0 && queue.MemoryInUseMb == 0,
            $"usage returns to zero: {queue.CoresInUse} cores, {queue.Running} running, {queue.MemoryInUseMb} MB (admitted: {admitted})");
    });

    /// <summary>Issue 12 item 10: once Close returns, nothing is admitted, so a drain that sees zero running is right.</summary>
    [Fact]
    public void Nothing_is_admitted_after_close_returns() => Explore(async () =>
    {
        await using var queue = new AdmissionQueue(cores: 2, capacity: 10);
        // An admission that passed before Close is counted in Running when Close returns (and not yet released while
        // its hook runs), so a hook that runs after a close that counted zero running is an admission after the close.
        var closed = false;
        var runningAtClose = -1;
        var admittedAfterClose = false;
        queue.OnAdmitted = (_, _, _) => admittedAfterClose |= Volatile.Read(ref closed) && runningAtClose == 0;
        var tickets = Enumerable.Range(0, 3).Select(_ => new AdmissionTicket("f", 1, 64, 10)).ToArray();
        var callers = tickets.Select(t => Task.Run(async () =>
        {
            queue.TryEnqueue(t);
            try
            {
                if (await t.WhenAdmitted)
                {
                    await Task.Yield();
                    queue.Release(t);
                }
            }
            catch (AdmissionCancelledException)
            {
            }
        })).ToArray();
        var drain = Task.Run(() =>
        {
            queue.Close(new AdmissionCancelledException("draining"));
            runningAtClose = queue.Running;
            Volatile.Write(ref closed, true);
        });

        await drain;
        await Task.WhenAll(callers);
        Specification.Assert(!admittedAfterClose, "a ticket was admitted after a Close that counted zero running");
        Specification.Assert(queue.Running == 0 && queue.CoresInUse == 0, $"{queue.Running} running, {queue.CoresInUse} cores in use");
    });

    /// <summary>Admissions, abandons and releases while the cores shrink and grow: never more in use than the cores.</summary>
    [Fact]
    public void Admission_never_exceeds_the_cores_of_its_instant_while_resizing() => Explore(async () =>
    {
        await using var queue = new AdmissionQueue(cores: 2, capacity: 10);
        var violation = default(string);
        queue.OnAdmitted = (t, inUse, cores) =>
        {
            if (inUse > cores)
            {
                violation = $"{t.Cores} core(s) admitted with {inUse} milli-cores in use on {cores}";
            }
        };
        var callers = Enumerable.Range(0, 3).Select(i => Task.Run(async () =>
        {
            var ticket = new AdmissionTicket(i == 0 ? "one" : "f", 1, 64, i == 0 ? 1 : 10);
            queue.TryEnqueue(ticket);
            if (i == 2 && ticket.TryAbandon())
            {
                queue.NotifyAbandoned();
                return;
            }

            if (await ticket.WhenAdmitted)
            {
                await Task.Yield();
                queue.Release(ticket);
            }
        })).ToArray();
        var resizes = Task.Run(async () =>
        {
            queue.Resize(1);
            await Task.Yield();
            queue.Resize(0);
            await Task.Yield();
            queue.Resize(3);
        });

        await Task.WhenAll(callers.Append(resizes));
        Specification.Assert(violation is null, violation ?? string.Empty);
        await QuiesceAsync(queue);
        Specification.Assert(queue.CoresInUse == 0 && queue.Running == 0 && queue.QueueLength == 0,
            $"usage returns to zero: {queue.CoresInUse} cores, {queue.Running} running, {queue.QueueLength} queued");
    });

    private void Explore(Func<Task> test)
    {
        var configuration = Configuration.Create()
            .WithTestingIterations(Iterations)
            .WithRandomGeneratorSeed(1201)
            .WithPartiallyControlledConcurrencyAllowed(true)
            .WithTelemetryEnabled(false);
        using var engine = TestingEngine.Create(configuration, test);
        engine.Run();
        output.WriteLine(engine.GetReport());
        var report = engine.TestReport;
        Assert.True(report.NumOfFoundBugs == 0, string.Join(Environment.NewLine, report.BugReports));
    }

    /// <summary>Lets the queue's loop sweep what is left (it runs on a channel Coyote does not control).</summary>
    private static async Task QuiesceAsync(AdmissionQueue queue)
    {
        for (var i = 0; i < 1_000 && (queue.QueueLength != 0 || queue.Running != 0); i++)
        {
            await Task.Delay(1);
        }
    }
}
