using System.Collections.Concurrent;
using HarvestOrleans.Grains.Invoker;
using HarvestOrleans.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HarvestOrleans.UnitTests.Invocation;

/// <summary>
/// The admission queue under everything at once: many threads admitting, abandoning, timing out and releasing while
/// another resizes, closes and opens it. The seed fixes every thread's sequence of operations (the interleaving is the
/// machine's). Checked at every admission: the cores in use (with it) fit the VM's cores of the same instant, a
/// function never runs more than its limit, and the queue never counts fewer cores than the tickets the test holds;
/// at the end everything has returned to zero and every function can be admitted up to its limit again.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AdmissionQueueStressTests(ITestOutputHelper output)
{
    private const int Workers = 8;
    private const int RoundsPerWorker = 750; // 6,000 tickets per seed
    private static readonly (string Name, int Limit)[] Functions = [("one", 1), ("two", 2), ("many", 100)];

    [Theory]
    [InlineData(12)]
    [InlineData(1201)]
    [InlineData(90210)]
    public async Task Admission_never_exceeds_the_cores_and_usage_returns_to_zero(int seed)
    {
        await using var queue = new AdmissionQueue(cores: 2, capacity: Workers - 1); // full only when every other worker waits
        var ledger = new Ledger(queue);
        queue.OnAdmitted = ledger.Admitted;
        var counts = new ConcurrentDictionary<string, int>();
        using var stop = new CancellationTokenSource();

        var chaos = Task.Run(async () =>
        {
            var random = new Random(seed);
            while (!stop.IsCancellationRequested)
            {
                var roll = random.Next(40);
                if (roll < 30)
                {
                    queue.Resize(random.Next(0, 9) / 2.0); // 0 to 4 cores
                }
                else if (roll == 30)
                {
                    // A short drain: closed for one turn of this loop, then open again.
                    queue.Close(new AdmissionCancelledException("closed by the test"));
                    await Task.Yield();
                    queue.Open();
                }
                else
                {
                    queue.NotifyAbandoned();
                }

                await Task.Yield();
            }
        });

        var workers = Enumerable.Range(0, Workers)
            .Select(w => Task.Run(() => WorkAsync(queue, ledger, new Random(HashCode.Combine(seed, w)), counts)))
            .ToArray();
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(3));
        await stop.CancelAsync();
        await chaos;

        output.WriteLine(string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")) + $", admissions: {ledger.Admissions}");
        Assert.True(ledger.Violations.IsEmpty, string.Join(Environment.NewLine, ledger.Violations.Take(10)));

        queue.Open();
        queue.Resize(4);
        await Eventually.WaitUntilAsync(
            () => Task.FromResult(queue.CoresInUse == 0 && queue.Running == 0 && queue.MemoryInUseMb == 0 && queue.QueueLength == 0),
            () => $"usage returns to zero (cores in use {queue.CoresInUse}, running {queue.Running}, memory {queue.MemoryInUseMb} MB, queued {queue.QueueLength})");

        // No concurrency slot leaked: every function is admitted up to its limit again, all at once.
        var last = Functions.SelectMany(f => Enumerable.Range(0, Math.Min(f.Limit, 2)).Select(_ => new AdmissionTicket(f.Name, 0.5, 1, f.Limit))).ToArray();
        Assert.All(last, t => Assert.True(queue.TryEnqueue(t)));
        await Task.WhenAll(last.Select(t => t.WhenAdmitted)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(last, t => Assert.True(t.WhenAdmitted.Result));
        Assert.Empty(ledger.Violations);
    }

    private static async Task WorkAsync(AdmissionQueue queue, Ledger ledger, Random random, ConcurrentDictionary<string, int> counts)
    {
        for (var round = 0; round < RoundsPerWorker; round++)
        {
            var (name, limit) = Functions[random.Next(Functions.Length)];
            var ticket = new AdmissionTicket(name, random.Next(1, 5) / 2.0, random.Next(0, 3) * 64, limit);
            if (!queue.TryEnqueue(ticket))
            {
                Count(counts, "full");
                await Task.Yield();
                continue;
            }

            bool admitted;
            try
            {
                admitted = random.Next(4) switch
                {
                    // A queue wait of 0-2 ms on the real clock: timeouts fire as the pump admits.
                    0 => await queue.WaitAsync(ticket, TimeSpan.FromMilliseconds(random.Next(0, 3)), TimeProvider.System),
                    // Abandoned from another thread while the pump may be admitting it.
                    1 => await AbandonElsewhereAsync(queue, ticket),
                    // Abandoned at once (it may have been admitted on the spot).
                    2 => AbandonNow(queue, ticket) && await ticket.WhenAdmitted,
                    // Waits for as long as it takes.
                    _ => await ticket.WhenAdmitted,
                };
            }
            catch (AdmissionCancelledException)
            {
                Count(counts, "turned away");
                await Task.Yield(); // let the short drain end rather than spend the rounds on it
                continue;
            }

            if (!admitted)
            {
                Count(counts, "abandoned");
                continue;
            }

            Count(counts, "ran");
            switch (random.Next(3))
            {
                case 0:
                    await Task.Yield();
                    break;
                case 1:
                    Thread.SpinWait(random.Next(1, 200));
                    break;
            }

            ledger.Releasing(ticket);
            queue.Release(ticket);
        }
    }

    private static async Task<bool> AbandonElsewhereAsync(AdmissionQueue queue, AdmissionTicket ticket)
    {
        var abandon = Task.Run(() => AbandonNow(queue, ticket));
        var admitted = await ticket.WhenAdmitted;
        Assert.Equal(admitted, await abandon); // exactly one of the two won
        return admitted;
    }

    /// <summary>False when abandoned; true when it was decided otherwise first (admitted or turned away).</summary>
    private static bool AbandonNow(AdmissionQueue queue, AdmissionTicket ticket)
    {
        if (ticket.TryAbandon())
        {
            queue.NotifyAbandoned();
            return false;
        }

        return true;
    }

    private static void Count(ConcurrentDictionary<string, int> counts, string what) => counts.AddOrUpdate(what, 1, (_, n) => n + 1);

    /// <summary>The tickets the test holds: added at admission, removed just before their release.</summary>
    private sealed class Ledger(AdmissionQueue queue)
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, int> _running = new(StringComparer.Ordinal);
        private long _heldMilli;
        private int _admissions;

        public ConcurrentQueue<string> Violations { get; } = new();

        public int Admissions => Volatile.Read(ref _admissions);

        public void Admitted(AdmissionTicket ticket, long inUseMilli, long coresMilli)
        {
            Interlocked.Increment(ref _admissions);
            if (inUseMilli > coresMilli)
            {
                Violations.Enqueue($"{ticket.Function} ({ticket.Cores} cores) admitted with {inUseMilli} milli-cores in use on {coresMilli}");
            }

            lock (_lock)
            {
                _heldMilli += Milli(ticket.Cores);
                var running = _running[ticket.Function] = _running.GetValueOrDefault(ticket.Function) + 1;
                if (running > ticket.MaxConcurrency)
                {
                    Violations.Enqueue($"{ticket.Function} runs {running} at once, its limit is {ticket.MaxConcurrency}");
                }

                // The queue counts every ticket the test holds (and maybe some admitted a moment ago, not yet here).
                var counted = Milli(queue.CoresInUse);
                if (_heldMilli > counted)
                {
                    Violations.Enqueue($"the test holds {_heldMilli} milli-cores but the queue counts {counted}");
                }
            }
        }

        public void Releasing(AdmissionTicket ticket)
        {
            lock (_lock)
            {
                _heldMilli -= Milli(ticket.Cores);
                _running[ticket.Function]--;
            }
        }

        private static long Milli(double cores) => (long)Math.Round(cores * 1000);
    }
}
