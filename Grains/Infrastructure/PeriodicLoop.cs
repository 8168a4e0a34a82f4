namespace HarvestOrleans.Grains.Infrastructure;

/// <summary>Runs a step now and then every period until stopped; a failing step is reported and the loop goes on.</summary>
internal sealed class PeriodicLoop(TimeSpan period, Func<CancellationToken, Task> step, Action<Exception> onError) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stopping.Token));

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        _stopping.Cancel();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(period);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await step(stopping).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stopping.IsCancellationRequested)
            {
                onError(ex);
            }

            try
            {
                await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }
}
