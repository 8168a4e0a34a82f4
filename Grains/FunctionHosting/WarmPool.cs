using HarvestOrleans.Grains.Packages;
using System.Collections.Concurrent;
using System.Diagnostics;
using HarvestOrleans.Grains.Infrastructure;
using HarvestOrleans.Grains.Options;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.Grains.FunctionHosting;

/// <summary>
/// This VM's warm function instances, one per function version. The first invocation of a version that is not warm
/// loads it: that is its cold start. After each invocation the keep-alive policy decides, from the function's idle
/// times here, how long the instance stays (and, for the hybrid policy, whether to unload it and pre-warm it later).
/// A sweep unloads expired idle instances (for a package: its load context too) and starts due pre-warms.
/// </summary>
public sealed partial class WarmPool : IAsyncDisposable
{
    private readonly IServiceProvider _services;
    // Looked up on first use, not in the constructor: an unknown configured name must reach the options validator's
    // start-up error, not fail the construction of whatever depends on the pool.
    private readonly Lazy<IKeepAlivePolicy> _policy;
    private readonly KeepAlivePolicySettings _policySettings;
    private readonly WarmPoolOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FunctionIdleHistory> _history = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PreWarm> _preWarms = new(StringComparer.Ordinal);
    private readonly PeriodicLoop _sweep;

    /// <summary>Creates the pool; the configured policy is looked up in <paramref name="policies"/> (default: the built-in ones).</summary>
    public WarmPool(IServiceProvider services, IOptions<WarmPoolOptions> options, TimeProvider time, ILogger<WarmPool> logger, KeepAlivePolicies? policies = null)
    {
        _services = services;
        _options = options.Value;
        var registry = policies ?? new KeepAlivePolicies();
        _policy = new Lazy<IKeepAlivePolicy>(() => registry.Get(_options.Policy));
        _policySettings = _options.ToSettings();
        _time = time;
        _logger = logger;
        _sweep = new PeriodicLoop(_options.SweepInterval, _ => SweepAsync(), LogSweepFailed);
        _sweep.Start();
    }

    /// <summary>Names of the functions with a loaded instance here.</summary>
    public string[] WarmFunctions =>
        [.. _entries.Values.Where(e => e.IsLoaded).Select(e => e.Registration.Spec.Name).Distinct(StringComparer.Ordinal)];

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The warm instance of <paramref name="registration"/>, loading it first if needed; release it when the invocation really ends.</summary>
    public async Task<WarmInstance> AcquireAsync(FunctionRegistration registration, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        RecordArrival(registration.Spec.Name);
        _preWarms.TryRemove(registration.Key, out _);
        while (true)
        {
            var entry = _entries.GetOrAdd(registration.Key, static (_, state) => new Entry(state.registration, state.pool), (registration, pool: this));
            if (!entry.TryEnter())
            {
                continue; // the sweep is unloading it: take a fresh entry
            }

            var wasLoaded = entry.IsLoaded;
            var loading = entry.StartLoading(cancellationToken);
            try
            {
                var loaded = await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
                return new WarmInstance(this, entry, loaded.Function, coldStart: !wasLoaded, wasLoaded ? 0 : Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch
            {
                if (entry.IsBoundBy(cancellationToken))
                {
                    // This caller's deadline bounds the load too, so the load has ended with it (a failed load leaves
                    // the pool at once): the next invocation loads afresh, whatever the function's code still does.
                    await ((Task)loading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                entry.Exit(NowMs, keepFor: TimeSpan.Zero);
                throw;
            }
        }
    }

    private void Release(Entry entry)
    {
        var name = entry.Registration.Spec.Name;
        var history = _history.GetOrAdd(name, _ => new FunctionIdleHistory(_options.HistogramBinWidth, _options.HistogramBins));
        KeepAliveWindows windows;
        var now = NowMs;
        lock (history)
        {
            windows = history.End(now, _policy.Value, _policySettings);
        }

        if (windows.PreWarm > TimeSpan.Zero)
        {
            // Unload now and come back just before the next invocation is expected.
            if (entry.Exit(now, keepFor: TimeSpan.Zero))
            {
                _preWarms[entry.Registration.Key] = new PreWarm(entry.Registration, now + (long)windows.PreWarm.TotalMilliseconds, windows.KeepAlive);
            }
        }
        else
        {
            entry.Exit(now, windows.KeepAlive);
        }
    }

    private void RecordArrival(string name)
    {
        if (_history.TryGetValue(name, out var history))
        {
            lock (history)
            {
                history.Arrive(NowMs);
            }
        }
    }

    /// <summary>Whether <paramref name="registration"/> has an instance here, loaded or loading.</summary>
    public bool IsLoadedOrLoading(FunctionRegistration registration) => _entries.ContainsKey(registration.Key);

    /// <summary>
    /// Loads <paramref name="registration"/> here ahead of its traffic, unless it has an instance already; it then stays
    /// for the keep-alive. The load is bounded by the function's timeout only (invocations that arrive meanwhile share
    /// it, so they must not fail with this caller's wait); this caller waits at most <paramref name="wait"/>.
    /// </summary>
    public async Task<HarvestOrleans.Cluster.PreWarmOutcome> PreWarmAsync(FunctionRegistration registration, TimeSpan wait, TimeProvider time)
    {
        var entry = new Entry(registration, this);
        if (!_entries.TryAdd(registration.Key, entry))
        {
            return HarvestOrleans.Cluster.PreWarmOutcome.AlreadyWarm;
        }

        entry.Exit(NowMs, _options.KeepAlive); // never entered: just sets its expiry
        LogPreWarming(registration.Key, _options.KeepAlive);
        try
        {
            await entry.StartLoading(CancellationToken.None).WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time).ConfigureAwait(false);
            return HarvestOrleans.Cluster.PreWarmOutcome.Warmed;
        }
        catch (Exception ex)
        {
            LogPreWarmFailed(registration.Key, ex);
            return HarvestOrleans.Cluster.PreWarmOutcome.Failed;
        }
    }

    /// <summary>Unloads expired idle instances and starts due pre-warms.</summary>
    public async Task SweepAsync()
    {
        var now = NowMs;
        foreach (var (key, entry) in _entries)
        {
            if (entry.TryRetire(now))
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
                await UnloadAsync(entry).ConfigureAwait(false);
            }
        }

        foreach (var (key, preWarm) in _preWarms)
        {
            if (now >= preWarm.AtMs && _preWarms.TryRemove(KeyValuePair.Create(key, preWarm)) && !_entries.ContainsKey(key))
            {
                var entry = new Entry(preWarm.Registration, this);
                if (_entries.TryAdd(key, entry))
                {
                    entry.Exit(now, preWarm.KeepAlive); // never entered: just sets its expiry
                    LogPreWarming(key, preWarm.KeepAlive);
                    _ = entry.StartLoading(CancellationToken.None); // start loading now, in the background
                }
            }
        }
    }

    private async Task UnloadAsync(Entry entry)
    {
        if (entry.Loading is not { IsCompletedSuccessfully: true } loading)
        {
            return;
        }

        try
        {
            await loading.Result.UnloadAsync().ConfigureAwait(false);
            LogUnloaded(entry.Registration.Key);
        }
        catch (Exception ex)
        {
            LogUnloadFailed(entry.Registration.Key, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sweep.DisposeAsync().ConfigureAwait(false);
        foreach (var (key, entry) in _entries)
        {
            if (_entries.TryRemove(KeyValuePair.Create(key, entry)))
            {
                await UnloadAsync(entry).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unloaded warm instance {Key}")]
    private partial void LogUnloaded(string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unloading warm instance {Key} failed")]
    private partial void LogUnloadFailed(string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pre-warming {Key}, kept for {KeepAlive}")]
    private partial void LogPreWarming(string key, TimeSpan keepAlive);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pre-warming {Key} ahead of its traffic failed or outlasted its wait")]
    private partial void LogPreWarmFailed(string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-pool sweep failed")]
    private partial void LogSweepFailed(Exception exception);

    /// <summary>A function version's instance here: loading or loaded, with its users and expiry.</summary>
    private sealed class Entry(FunctionRegistration registration, WarmPool pool)
    {
        private readonly Lock _gate = new();
        private volatile Task<LoadedFunction>? _loading;
        private CancellationToken _loadBound;
        private int _inFlight;
        private long _expiresAtMs = long.MaxValue;
        private bool _retired;

        public FunctionRegistration Registration { get; } = registration;

        /// <summary>The load, once started; null before.</summary>
        public Task<LoadedFunction>? Loading => _loading;

        public bool IsLoaded => _loading is { IsCompletedSuccessfully: true };

        /// <summary>
        /// Starts the load on first use. It is bounded by the function's timeout and by the deadline of the invocation
        /// that started it (the same timeout, counted from that invocation's start); invocations that arrive meanwhile share it.
        /// </summary>
        public Task<LoadedFunction> StartLoading(CancellationToken deadline)
        {
            if (_loading is { } loading)
            {
                return loading;
            }

            lock (_gate)
            {
                if (_loading is null)
                {
                    _loadBound = deadline;
                    _loading = Task.Run(() => LoadAsync(deadline));
                }

                return _loading;
            }
        }

        /// <summary>Whether <paramref name="deadline"/> is the one that bounds the load.</summary>
        public bool IsBoundBy(CancellationToken deadline)
        {
            lock (_gate)
            {
                return _loading is not null && _loadBound == deadline;
            }
        }

        /// <summary>
        /// Loads and initialises the instance: together, its cold start, bounded by the function's timeout. Past it
        /// the load fails even if the function's code ignores its token (that code is then left to finish on its own,
        /// and what it loaded is unloaded when it does). A failed load leaves the pool at once: the next invocation loads again.
        /// </summary>
        private async Task<LoadedFunction> LoadAsync(CancellationToken deadline)
        {
            var spec = Registration.Spec;
            var timeout = new CancellationTokenSource(spec.Timeout, pool._time);
            var bound = CancellationTokenSource.CreateLinkedTokenSource(deadline, timeout.Token);
            var token = bound.Token;
            // On the thread pool, so a constructor or InitializeAsync that blocks its thread cannot hold up the wait.
            var load = Task.Run(() => Registration.Load(pool._services, token), CancellationToken.None);
            Task? init = null;
            try
            {
                var loaded = await load.WaitAsync(token).ConfigureAwait(false);
                init = Task.Run(async () => await loaded.Function.InitializeAsync(token).ConfigureAwait(false), CancellationToken.None);
                await init.WaitAsync(token).ConfigureAwait(false);
                bound.Dispose();
                timeout.Dispose();
                return loaded;
            }
            catch (Exception ex)
            {
                var timedOut = ex is OperationCanceledException && timeout.IsCancellationRequested && !deadline.IsCancellationRequested;
                pool._entries.TryRemove(KeyValuePair.Create(Registration.Key, this));
                var cleanUp = CleanUpAsync(load, init, bound, timeout);
                if (ex is not OperationCanceledException)
                {
                    await cleanUp.ConfigureAwait(false); // the function's code has ended (it threw): unload before answering
                }

                if (timedOut)
                {
                    throw new FunctionLoadTimeoutException(spec, ex);
                }

                throw;
            }
        }

        /// <summary>Unloads what a failed load loaded, once the function's own code has really stopped.</summary>
        private async Task CleanUpAsync(Task<LoadedFunction> load, Task? init, CancellationTokenSource bound, CancellationTokenSource timeout)
        {
            try
            {
                await ((Task)load).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (init is not null)
                {
                    await init.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                if (load.IsCompletedSuccessfully)
                {
                    await load.Result.UnloadAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                pool.LogUnloadFailed(Registration.Key, ex);
            }
            finally
            {
                bound.Dispose();
                timeout.Dispose();
            }
        }

        public bool TryEnter()
        {
            lock (_gate)
            {
                if (_retired)
                {
                    return false;
                }

                _inFlight++;
                return true;
            }
        }

        /// <summary>Sets the expiry when the last user leaves; false if others still use the instance.</summary>
        public bool Exit(long nowMs, TimeSpan keepFor)
        {
            lock (_gate)
            {
                _inFlight = Math.Max(0, _inFlight - 1);
                if (_inFlight > 0)
                {
                    return false;
                }

                _expiresAtMs = nowMs + (long)keepFor.TotalMilliseconds;
                return true;
            }
        }

        public bool TryRetire(long nowMs)
        {
            lock (_gate)
            {
                if (_inFlight > 0 || nowMs < _expiresAtMs || _loading is { IsCompleted: false })
                {
                    return false;
                }

                _retired = true;
                return true;
            }
        }
    }

    private sealed record PreWarm(FunctionRegistration Registration, long AtMs, TimeSpan KeepAlive);

    /// <summary>One invocation's use of a warm instance.</summary>
    public sealed class WarmInstance(WarmPool pool, object entry, Functions.IHarvestFunction function, bool coldStart, double initMs)
    {
        private int _released;

        public Functions.IHarvestFunction Function { get; } = function;

        /// <summary>This invocation waited for the instance to load.</summary>
        public bool ColdStart { get; } = coldStart;

        public double InitMs { get; } = initMs;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                pool.Release((Entry)entry);
            }
        }
    }
}
