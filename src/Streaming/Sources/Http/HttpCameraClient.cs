using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Streaming.Sources.Http;

/// <summary>The one HTTP client Http cameras share (registered by <c>AddStreaming</c>).</summary>
internal static class HttpCameraClient
{
    public const string Name = "Streaming.HttpCamera";

    /// <summary>
    /// No cookies, no automatic redirects (<see cref="HttpCameraRequests"/> follows them and keeps credentials to
    /// the camera's own origin), no decompression (frames stay byte for byte), bounded connect and header waits;
    /// a stream's body has no time limit here, the camera's FrameTimeout watches it; no proxy (cameras are on the
    /// local network, and a proxy for the internet would stand in their way). No request logging: a
    /// snapshot camera would log four lines per frame, and URLs may carry a share-link token.
    /// </summary>
    public static IServiceCollection AddHttpCameraClient(this IServiceCollection services)
    {
        services.AddHttpClient(Name, client =>
            {
                client.Timeout = TimeSpan.FromSeconds(30);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("camera-dashboard");
                client.DefaultRequestHeaders.Accept.ParseAdd("multipart/x-mixed-replace, image/jpeg, */*;q=0.5");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                UseCookies = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
                MaxResponseHeadersLength = 64,

                // Leaving a stream closes its connection at once instead of reading on to reuse it.
                MaxResponseDrainSize = 0,
                UseProxy = false,

                // A capture thread's blocking reads of a body wake it once per read (CaptureConnectionStream).
                ConnectCallback = CaptureConnectionStream.ConnectAsync,
            })
            .RemoveAllLoggers();
        return services;
    }
}
