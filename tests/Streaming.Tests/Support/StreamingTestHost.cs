using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Streaming.Cameras;
using Streaming.Http;

namespace Streaming.Tests.Support;

/// <summary>The streaming library's endpoints on real Kestrel, on a free loopback port.</summary>
internal sealed class StreamingTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StreamingTestHost(WebApplication app, Uri address)
    {
        _app = app;
        // No draining on dispose: a test that drops a stream must look like a client that really left.
        Client = new HttpClient(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public Uri Address => Client.BaseAddress!;

    public CameraRegistry Cameras => _app.Services.GetRequiredService<CameraRegistry>();

    /// <summary>Debug messages of the feed endpoints (which sender served a feed, why it ended).</summary>
    public FakeLogCollector FeedLogs => _app.Services.GetRequiredService<FakeLoggerProvider>().Collector;

    public static Task<StreamingTestHost> StartAsync(params CameraDefinition[] cameras) => StartAsync(null, null, cameras);

    public static Task<StreamingTestHost> StartAsync(FeedSender sender, params CameraDefinition[] cameras) =>
        StartAsync(new Dictionary<string, string?> { ["Streaming:FeedSender"] = sender.ToString() }, null, cameras);

    /// <summary>With extra settings (e.g. <c>Streaming:FrameTimeout</c>) and a last say over the builder (e.g. logging).</summary>
    public static async Task<StreamingTestHost> StartAsync(IReadOnlyDictionary<string, string?>? extra, Action<WebApplicationBuilder>? configure, params CameraDefinition[] cameras)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Streaming:IdleTimeout"] = "00:00:00",
            ["Streaming:FeedSender"] = nameof(FeedSender.Direct),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        for (var i = 0; i < cameras.Length; i++)
        {
            var c = cameras[i];
            var prefix = $"Cameras:{i}:";
            settings[prefix + "Id"] = c.Id;
            settings[prefix + "Name"] = c.Name;
            settings[prefix + "Kind"] = c.Kind.ToString();
            settings[prefix + "Width"] = c.Width.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[prefix + "Height"] = c.Height.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[prefix + "Fps"] = c.Fps.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[prefix + "Folder"] = c.Folder;
            settings[prefix + "File"] = c.File;
            settings[prefix + "Command"] = c.Command;
            settings[prefix + "Url"] = c.Url;
            settings[prefix + "UserName"] = c.UserName;
            settings[prefix + "Password"] = c.Password;
            for (var a = 0; a < c.Arguments.Count; a++)
            {
                settings[$"{prefix}Arguments:{a}"] = c.Arguments[a];
            }
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var feedLogs = new FakeLoggerProvider();
        builder.Services.AddSingleton(feedLogs);
        builder.Logging.AddProvider(feedLogs);
        builder.Logging.AddFilter<FakeLoggerProvider>(typeof(MjpegStreamResult).FullName, LogLevel.Debug);
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.AddStreaming();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapVideoFeed();
        app.MapSnapshots();
        app.MapCameraApi();
        await app.StartAsync();
        return new StreamingTestHost(app, new Uri(app.Urls.Single()));
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
