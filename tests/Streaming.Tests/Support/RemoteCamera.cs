using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streaming.Sources;
using Streaming.Sources.Http;

namespace Streaming.Tests.Support;

/// <summary>How a remote camera frames its multipart stream.</summary>
internal sealed record PartFraming(string Boundary = "remote", bool ContentLength = true, bool CrlfBeforeBoundary = true, string? DeclaredType = null)
{
    public string ContentType => DeclaredType ?? $"multipart/x-mixed-replace; boundary={Boundary}";
}

/// <summary>
/// A camera on the network for Http-kind tests: real Kestrel on a loopback address, answering what each test
/// maps. Counts requests and keeps the Authorization header of each.
/// </summary>
internal sealed class RemoteCamera : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private RemoteCamera(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The Authorization header of every request ("" when there was none), in order.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<RemoteCamera> StartAsync(Action<WebApplication> map, string host = "127.0.0.1", int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel().UseUrls($"http://{host}:{port}");
        var app = builder.Build();
        RemoteCamera? remote = null;
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref remote!._requests);
            remote.Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            await next(context);
        });
        map(app);
        await app.StartAsync();
        remote = new RemoteCamera(app, new Uri(app.Urls.Single()));
        return remote;
    }

    public string Url(string pathAndQuery) => new Uri(Address, pathAndQuery).ToString();

    /// <summary>A source for a camera of this remote, from the factory <c>AddStreaming</c> registers.</summary>
    public static IFrameSource Source(Streaming.Cameras.CameraDefinition camera, TimeProvider? time = null)
    {
        var services = new ServiceCollection().AddHttpCameraClient().BuildServiceProvider();
        return new FrameSourceFactory(time ?? TimeProvider.System, services.GetRequiredService<IHttpClientFactory>()).Create(camera);
    }

    /// <summary>Writes the frames as multipart parts, one per interval, looping until the client leaves.</summary>
    public static async Task WriteStreamAsync(HttpContext context, IReadOnlyList<byte[]> frames, PartFraming framing, TimeSpan interval, Func<int, string>? extraHeaders = null, bool loop = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.ContentType = framing.ContentType;
        var body = context.Response.Body;
        var aborted = context.RequestAborted;
        try
        {
            for (var i = 0; loop || i < frames.Count; i++)
            {
                await WritePartAsync(body, frames[i % frames.Count], framing, extraHeaders?.Invoke(i) ?? "", first: i == 0, aborted);
                await body.FlushAsync(aborted);
                await Task.Delay(interval, aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client left.
        }
    }

    public static async Task WritePartAsync(Stream body, byte[] frame, PartFraming framing, string extraHeaders, bool first, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(framing);
        var header = new StringBuilder();
        if (!first && framing.CrlfBeforeBoundary)
        {
            header.Append("\r\n");
        }

        header.Append(CultureInfo.InvariantCulture, $"--{framing.Boundary}\r\nContent-Type: image/jpeg\r\n");
        if (framing.ContentLength)
        {
            header.Append(CultureInfo.InvariantCulture, $"Content-Length: {frame.Length}\r\n");
        }

        header.Append(extraHeaders).Append("\r\n");
        await body.WriteAsync(Encoding.ASCII.GetBytes(header.ToString()), cancellationToken);
        await body.WriteAsync(frame, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
    }
}
