using HarvestOrleans.Grains.Packages;
using HarvestOrleans.Grains.FunctionHosting;
using HarvestOrleans.Functions;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Logging.Abstractions;
using HarvestOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HarvestOrleans.Tests.Packages;

/// <summary>The warm pool against a manual clock: keep-alive expiry, and the hybrid policy's unload-then-pre-warm.</summary>
[Trait("Category", "Cluster")]
public sealed class WarmPoolTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class CountingFunction : IHarvestFunction
    {
        public Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken) =>
            Task.FromResult(FunctionPayload.Empty);
    }

    private sealed class InitialisingFunction(bool fail) : IHarvestFunction
    {
        public bool Initialised { get; private set; }

        public ValueTask InitializeAsync(CancellationToken cancellationToken)
        {
            Initialised = !fail;
            return fail ? ValueTask.FromException(new InvalidOperationException("model file missing")) : ValueTask.CompletedTask;
        }

        public Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken) =>
            Task.FromResult(FunctionPayload.Empty);
    }

    /// <summary>Initialises by blocking its thread on <paramref name="gate"/>, ignoring cancellation (at most a minute); without one, at once.</summary>
    private sealed class HangingFunction(SemaphoreSlim? gate) : IHarvestFunction
    {
        public ValueTask InitializeAsync(CancellationToken cancellationToken)
        {
            gate?.Wait(TimeSpan.FromMinutes(1), CancellationToken.None);
            return ValueTask.CompletedTask;
        }

        public Task<FunctionPayload> InvokeAsync(FunctionPayload input, FunctionContext context, CancellationToken cancellationToken) =>
            Task.FromResult(FunctionPayload.Empty);
    }

    private readonly ManualClock _clock = new();
    private int _loads;
    private int _unloads;

    private FunctionRegistration Registration() => new(
        new FunctionSpec { Name = "f" },
        (_, _) =>
        {
            Interlocked.Increment(ref _loads);
            return Task.FromResult(new LoadedFunction(new CountingFunction(), () => Interlocked.Increment(ref _unloads)));
        });

    private WarmPool Pool(WarmPoolOptions options)
    {
        options.SweepInterval = TimeSpan.FromHours(1); // the test sweeps by hand
        return new WarmPool(new ServiceCollection().BuildServiceProvider(), Microsoft.Extensions.Options.Options.Create(options), _clock, NullLogger<WarmPool>.Instance);
    }

    private static async Task<bool> InvokeAsync(WarmPool pool, FunctionRegistration registration)
    {
        var lease = await pool.AcquireAsync(registration, CancellationToken.None);
        lease.Release();
        return lease.ColdStart;
    }

    [Fact]
    public async Task An_instance_stays_warm_within_its_keep_alive_and_is_unloaded_after()
    {
        await using var pool = Pool(new WarmPoolOptions { KeepAlive = TimeSpan.FromMinutes(10) });
        var registration = Registration();

        Assert.True(await InvokeAsync(pool, registration));
        _clock.Now += TimeSpan.FromMinutes(9);
        await pool.SweepAsync();
        Assert.False(await InvokeAsync(pool, registration));

        _clock.Now += TimeSpan.FromMinutes(10.5);
        await pool.SweepAsync();
        Assert.Equal(1, _unloads);
        Assert.Empty(pool.WarmFunctions);
        Assert.True(await InvokeAsync(pool, registration));
        Assert.Equal(2, _loads);
    }

    [Fact]
    public async Task Loading_initialises_the_instance_and_a_failed_initialisation_unloads_it_and_is_not_cached()
    {
        await using var pool = Pool(new WarmPoolOptions());
        var good = new InitialisingFunction(fail: false);
        var lease = await pool.AcquireAsync(new FunctionRegistration(new FunctionSpec { Name = "good" }, (_, _) => Task.FromResult(new LoadedFunction(good))), CancellationToken.None);
        lease.Release();
        Assert.True(good.Initialised);

        var failing = new FunctionRegistration(new FunctionSpec { Name = "bad" }, (_, _) =>
        {
            Interlocked.Increment(ref _loads);
            return Task.FromResult(new LoadedFunction(new InitialisingFunction(fail: true), () => Interlocked.Increment(ref _unloads)));
        });
        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.AcquireAsync(failing, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => pool.AcquireAsync(failing, CancellationToken.None));
        Assert.Equal(2, _loads);
        Assert.Equal(2, _unloads);
        Assert.Equal(["good"], pool.WarmFunctions);
    }

    [Fact]
    public async Task An_initialisation_that_hangs_fails_at_the_function_timeout_is_not_cached_and_is_unloaded_when_it_returns()
    {
        await using var pool = Pool(new WarmPoolOptions());
        using var gate = new SemaphoreSlim(0);
        var registration = new FunctionRegistration(new FunctionSpec { Name = "hangs", Timeout = TimeSpan.FromMilliseconds(200) }, (_, _) =>
        {
            var first = Interlocked.Increment(ref _loads) == 1;
            return Task.FromResult(new LoadedFunction(new HangingFunction(first ? gate : null), () => Interlocked.Increment(ref _unloads)));
        });

        // Bounded by the test too: a load that waits for ever would otherwise hang the run.
        var ex = await Assert.ThrowsAnyAsync<TimeoutException>(() => pool.AcquireAsync(registration, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("did not load and initialise within its timeout", ex.Message);
        Assert.Empty(pool.WarmFunctions);

        Assert.True(await InvokeAsync(pool, registration)); // loaded afresh: this time it initialises
        Assert.Equal((2, 0), (_loads, _unloads)); // the hung instance's code is still running: not unloaded under it
        Assert.Equal(["hangs"], pool.WarmFunctions);

        gate.Release();
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref _unloads) == 1, "the hung instance is unloaded once its initialisation returns");
        Assert.False(await InvokeAsync(pool, registration));
        Assert.Equal(["hangs"], pool.WarmFunctions);
    }

    [Fact]
    public async Task An_instance_in_use_is_never_unloaded()
    {
        await using var pool = Pool(new WarmPoolOptions { KeepAlive = TimeSpan.FromSeconds(1) });
        var lease = await pool.AcquireAsync(Registration(), CancellationToken.None);

        _clock.Now += TimeSpan.FromMinutes(5);
        await pool.SweepAsync();

        Assert.Equal(0, _unloads);
        Assert.Equal(["f"], pool.WarmFunctions);
        lease.Release();
    }

    [Fact]
    public async Task The_hybrid_policy_unloads_between_regular_invocations_and_pre_warms_before_the_next()
    {
        await using var pool = Pool(new WarmPoolOptions
        {
            Policy = KeepAlivePolicyNames.HybridHistogram,
            KeepAlive = TimeSpan.FromMinutes(10),
            HistogramBinWidth = TimeSpan.FromMinutes(1),
            HistogramMinSamples = 5,
        });
        var registration = Registration();

        // Invoked every 5.5 minutes: while history is short, the fixed fallback keeps it warm.
        for (var i = 0; i < 5; i++)
        {
            await InvokeAsync(pool, registration);
            _clock.Now += TimeSpan.FromMinutes(5.5);
            await pool.SweepAsync();
        }

        Assert.Equal(1, _loads);

        // Now the histogram is trusted: after this invocation the instance is unloaded at once...
        Assert.False(await InvokeAsync(pool, registration));
        await pool.SweepAsync();
        Assert.Equal(1, _unloads);
        Assert.Empty(pool.WarmFunctions);

        // ...and loaded again at 4.5 minutes (head 5 min less 10%), before the next invocation at 5.5.
        _clock.Now += TimeSpan.FromMinutes(4.6);
        await pool.SweepAsync();
        await Eventually.WaitUntilAsync(() => pool.WarmFunctions.Length == 1, "the pre-warmed instance is loaded");
        Assert.Equal(2, _loads);

        _clock.Now += TimeSpan.FromMinutes(0.9);
        Assert.False(await InvokeAsync(pool, registration));
    }
}
