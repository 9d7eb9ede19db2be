using System.Globalization;
using Dashboard.Access;
using Dashboard.Motion;
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

    public SecurityApp App { get; private set; } = null!;

    internal MosquittoBroker First { get; private set; } = null!;

    internal MosquittoBroker Second { get; private set; } = null!;

    /// <summary>The webhook receiver on loopback the page's webhooks are pointed at.</summary>
    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        First = await MosquittoBroker.StartAsync();
        Second = await MosquittoBroker.StartAsync();
        Receiver = await WebhookReceiver.StartAsync();

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
        await Receiver.DisposeAsync();
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
