using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Dashboard.Tests.Motion;

/// <summary>
/// A webhook receiver on loopback (real Kestrel): takes a POST to any <c>/{name}</c>, keeps its path, body and headers,
/// and answers 200, or 503 to the next ones <see cref="FailNext"/> asks for.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Where it listens, e.g. http://127.0.0.1:41234 (a webhook's address is this and <c>/{name}</c>).</summary>
    public string Url => _app.Urls.First();

    /// <summary>What it got, in order: the name in the path, the body and the headers.</summary>
    public ConcurrentQueue<(string Path, string Body, Dictionary<string, string> Headers)> Received { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/{name}", async (HttpContext context, string name) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            // Copied: Kestrel reuses a request's header collection for the next request on the connection.
            receiver.Received.Enqueue((name, body, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return Interlocked.Decrement(ref receiver._failuresLeft) >= 0 ? Results.StatusCode(503) : Results.Ok();
        });
        await receiver._app.StartAsync();
        return receiver;
    }

    /// <summary>Answers the next <paramref name="count"/> calls with 503 Service Unavailable.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
