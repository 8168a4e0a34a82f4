using System.Collections.Concurrent;
using System.Diagnostics;
using HarvestOrleans.Infrastructure;
using HarvestOrleans.Options;
using HarvestOrleans.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HarvestOrleans.FunctionHosting;

/// <summary>
/// This VM's warm function instances, one per function version. The first invocation of a version that is not warm
/// loads it: that is its cold start. After each invocation the keep-alive policy decides, from the function's idle
/// times here, how long the instance stays (and, for the hybrid policy, whether to unload it and pre-warm it later).
/// A sweep unloads expired idle instances (for a package: its load context too) and starts due pre-warms.
/// </summary>
public sealed partial class WarmPool : IAsyncDisposable
{
    private readonly IServiceProvider _services;
    private readonly IKeepAlivePolicy _policy;
    private readonly WarmPoolOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, History> _history = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PreWarm> _preWarms = new(StringComparer.Ordinal);
    private readonly PeriodicLoop _sweep;

    public WarmPool(IServiceProvider services, IOptions<WarmPoolOptions> options, TimeProvider time, ILogger<WarmPool> logger)
    {
        _services = services;
        _options = options.Value;
        _policy = _options.CreatePolicy();
        _time = time;
        _logger = logger;
        _sweep = new PeriodicLoop(_options.SweepInterval, _ => SweepAsync(), LogSweepFailed);
        _sweep.Start();
    }

    public string PolicyName => _policy.Name;

    /// <summary>Names of the functions with a loaded instance here.</summary>
    public string[] WarmFunctions =>
        [.. _entries.Values.Where(e => e.IsLoaded).Select(e => e.Registration.Spec.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>Keys (name@version) of the loaded instances.</summary>
    public IReadOnlyCollection<string> WarmKeys => [.. _entries.Values.Where(e => e.IsLoaded).Select(e => e.Registration.Key)];

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>The warm instance of <paramref name="registration"/>, loading it first if needed; release the lease when the invocation really ends.</summary>
    public async Task<WarmLease> AcquireAsync(FunctionRegistration registration, CancellationToken cancellationToken)
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
            try
            {
                var loaded = await entry.Loading.WaitAsync(cancellationToken).ConfigureAwait(false);
                return new WarmLease(this, entry, loaded.Function, coldStart: !wasLoaded, wasLoaded ? 0 : Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch
            {
                if (entry.Loading.IsFaulted || entry.Loading.IsCanceled)
                {
                    _entries.TryRemove(KeyValuePair.Create(registration.Key, entry)); // a failed load is not cached
                }

                entry.Exit(NowMs, keepFor: TimeSpan.Zero);
                throw;
            }
        }
    }

    private void Release(Entry entry)
    {
        var name = entry.Registration.Spec.Name;
        var history = _history.GetOrAdd(name, _ => new History(new IdleTimeHistogram(_options.HistogramBinWidth, _options.HistogramBins)));
        KeepAliveWindows windows;
        var now = NowMs;
        lock (history)
        {
            history.LastEndMs = now;
            windows = _policy.Windows(history.IdleTimes);
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
                if (history.LastEndMs is { } lastEnd)
                {
                    history.IdleTimes.Add(TimeSpan.FromMilliseconds(NowMs - lastEnd));
                    history.LastEndMs = null; // one idle time per gap, however many invocations overlap
                }
            }
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
                    _ = entry.Loading; // start loading now, in the background
                }
            }
        }
    }

    private async Task UnloadAsync(Entry entry)
    {
        if (!entry.Loading.IsCompletedSuccessfully)
        {
            return;
        }

        try
        {
            await entry.Loading.Result.UnloadAsync().ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warm-pool sweep failed")]
    private partial void LogSweepFailed(Exception exception);

    /// <summary>A function version's instance here: loading or loaded, with its users and expiry.</summary>
    private sealed class Entry(FunctionRegistration registration, WarmPool pool)
    {
        private readonly Lazy<Task<LoadedFunction>> _loading = new(() => Task.Run(() => LoadAsync(registration, pool._services)));
        private readonly Lock _gate = new();
        private int _inFlight;
        private long _expiresAtMs = long.MaxValue;
        private bool _retired;

        public FunctionRegistration Registration { get; } = registration;

        /// <summary>Not bound to the first caller's deadline: later callers may still use the instance.</summary>
        public Task<LoadedFunction> Loading => _loading.Value;

        public bool IsLoaded => _loading.IsValueCreated && _loading.Value.IsCompletedSuccessfully;

        /// <summary>Loads and initialises the instance: together, its cold start. A failed initialisation unloads what was loaded.</summary>
        private static async Task<LoadedFunction> LoadAsync(FunctionRegistration registration, IServiceProvider services)
        {
            var loaded = await registration.Load(services, CancellationToken.None).ConfigureAwait(false);
            try
            {
                await loaded.Function.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
                return loaded;
            }
            catch
            {
                await loaded.UnloadAsync().ConfigureAwait(false);
                throw;
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
                if (_inFlight > 0 || nowMs < _expiresAtMs || (_loading.IsValueCreated && !_loading.Value.IsCompleted))
                {
                    return false;
                }

                _retired = true;
                return true;
            }
        }
    }

    private sealed class History(IdleTimeHistogram idleTimes)
    {
        public IdleTimeHistogram IdleTimes { get; } = idleTimes;

        public long? LastEndMs { get; set; }
    }

    private sealed record PreWarm(FunctionRegistration Registration, long AtMs, TimeSpan KeepAlive);

    /// <summary>One invocation's use of a warm instance.</summary>
    public sealed class WarmLease(WarmPool pool, object entry, Functions.IHarvestFunction function, bool coldStart, double initMs)
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
