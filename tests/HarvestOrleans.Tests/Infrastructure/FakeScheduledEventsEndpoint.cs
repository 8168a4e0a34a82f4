using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace HarvestOrleans.Tests.Infrastructure;

/// <summary>
/// A stand-in for the Azure Instance Metadata Scheduled Events endpoint on 127.0.0.1: serves the JSON document it is
/// given (the real schema) to GETs carrying <c>Metadata: true</c>, and records the bodies POSTed to it (acknowledgements).
/// It can fail the next POSTs it gets with 503, as a metadata endpoint does when busy (clients are to retry).
/// </summary>
public sealed class FakeScheduledEventsEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private volatile string _document = """{"DocumentIncarnation":0,"Events":[]}""";

    public FakeScheduledEventsEndpoint()
    {
        var port = RedisServer.FreePort();
        Uri = new Uri($"http://127.0.0.1:{port}/metadata/scheduledevents?api-version=2020-07-01");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Uri { get; }

    public ConcurrentQueue<string> Posts { get; } = new();

    public int Gets;

    public int RejectedWithoutHeader;

    /// <summary>POSTs answered 503 (see <see cref="FailPosts"/>).</summary>
    public int FailedPosts;

    private int _postsToFail;

    /// <summary>Answers the next <paramref name="count"/> POSTs with 503 Service Unavailable.</summary>
    public void FailPosts(int count) => Volatile.Write(ref _postsToFail, count);

    public void Serve(string document) => _document = document;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var response = context.Response;
            if (context.Request.Headers["Metadata"] != "true")
            {
                Interlocked.Increment(ref RejectedWithoutHeader);
                response.StatusCode = 400;
                continue;
            }

            if (context.Request.HttpMethod == "POST")
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var posted = await reader.ReadToEndAsync();
                if (Interlocked.Decrement(ref _postsToFail) >= 0)
                {
                    Interlocked.Increment(ref FailedPosts);
                    response.StatusCode = 503;
                    continue;
                }

                Posts.Enqueue(posted);
                response.StatusCode = 200;
                continue;
            }

            Interlocked.Increment(ref Gets);
            var body = Encoding.UTF8.GetBytes(_document);
            response.ContentType = "application/json";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
