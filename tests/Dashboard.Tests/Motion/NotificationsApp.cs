using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Access;
using Dashboard.Motion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;
using Streaming.Motion;

namespace Dashboard.Tests.Motion;

/// <summary>
/// The real app whose configuration names a first mosquitto (it seeds the settings), with a second mosquitto to move to,
/// a webhook receiver on loopback, a viewer and an operator, and the porch camera watching for motion.
/// </summary>
public sealed class NotificationsApp : IAsyncLifetime
{
    public const string Viewer = "vic";
    public const string Operator = "olga";

    /// <summary>The broker password in the configuration: it must never be shown or logged.</summary>
    public const string SeededPassword = "seeded-broker-pass-71";

    private WebApplication _receiver = null!;

    public SecurityApp App { get; private set; } = null!;

    internal MosquittoBroker First { get; private set; } = null!;

    internal MosquittoBroker Second { get; private set; } = null!;

    /// <summary>What the receiver got: path, body and headers.</summary>
    public ConcurrentQueue<(string Path, string Body, Dictionary<string, string> Headers)> Received { get; } = new();

    public string ReceiverUrl => _receiver.Urls.First();

    public async Task InitializeAsync()
    {
        First = await MosquittoBroker.StartAsync();
        Second = await MosquittoBroker.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/{name}", async (HttpContext context, string name) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            Received.Enqueue((name, await reader.ReadToEndAsync(), context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return Results.Ok();
        });
        await _receiver.StartAsync();

        App = new SecurityApp();
        App.WithSetting("Motion:Mqtt:Host", "127.0.0.1")
            .WithSetting("Motion:Mqtt:Port", First.Port.ToString(CultureInfo.InvariantCulture))
            .WithSetting("Motion:Mqtt:UserName", "dashboard")
            .WithSetting("Motion:Mqtt:Password", SeededPassword)
            .WithSetting("Motion:Mqtt:ReconnectDelay", "00:00:01");
        await App.CreateUserAsync(Viewer, DashboardRoles.Viewer);
        await App.CreateUserAsync(Operator, DashboardRoles.Operator);
        var porch = App.Cameras.Find("porch")!;
        await App.Cameras.AddOrUpdateAsync(new ConfiguredCamera(porch.Definition with { Motion = new MotionSettings { Enabled = true, Sensitivity = 1, MinimumArea = 100 } }));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _receiver.DisposeAsync();
        First.Dispose();
        Second.Dispose();
    }

    /// <summary>An event on the porch as the detector would announce it, given to the app's webhook sender.</summary>
    public Task<MotionNotice> RaiseEventAsync()
    {
        var start = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7(start);
        var notice = new MotionNotice(MotionNoticeKind.Started, new MotionEvent { Id = id, CameraId = "porch", Start = start, PeakScore = 3, ThumbnailFile = $"{id:N}.jpg" });
        return App.Services.GetRequiredService<WebhookSender>().HandleAsync(notice, CancellationToken.None).ContinueWith(_ => notice, TaskScheduler.Default);
    }
}
