using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using Streaming.Cameras;
using Streaming.Imaging;
using Streaming.Motion;

namespace Dashboard.Tests.Motion;

/// <summary>The dashboard with a camera whose picture has a square crossing it for 1.2 s of every 3 s.</summary>
public class MotionDashboardApp : IAsyncLifetime
{
    public const string CameraId = "yard";

    public const int Height = 180;

    /// <summary>320: 16:9, like the tiles' boxes.</summary>
    public virtual int Width => 320;

    private readonly string _frames = Directory.CreateTempSubdirectory("motion-frames-").FullName;

    public DashboardApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        for (var i = 0; i < 30; i++)
        {
            using var image = new Mat(Height, Width, MatType.CV_8UC3, new Scalar(70, 90, 110));
            if (i >= 18)
            {
                Cv2.Rectangle(image, new Rect((i - 18) * 20, 50, 60, 60), Scalar.White, -1);
            }

            File.WriteAllBytes(Path.Combine(_frames, $"{i:D3}.jpg"), JpegEncoder.Encode(image, 80));
        }

        App = new DashboardApp()
            .WithSetting("Motion:QuietTime", "00:00:00.600")
            .WithSetting("Motion:PreBuffer", "00:00:01")
            .WithSetting("Motion:PostBuffer", "00:00:00.300")
            .WithSetting("Motion:MinFreeBytes", "0")
            .WithCameras(new CameraDefinition { Id = CameraId, Kind = CameraKind.ImageSequence, Folder = _frames, Fps = 10, Width = Width, Height = Height })
            .WithSetting("Cameras:0:Motion:Enabled", "true");
        _ = App.Address;
        await Eventually.HoldsAsync(() => App.Cameras.Find(CameraId)?.Definition.Motion.Enabled == true, "the camera runs with detection on");
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(_frames, recursive: true);
    }
}

public sealed class MotionEventsApiTests(MotionDashboardApp fixture) : IClassFixture<MotionDashboardApp>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly DashboardApp _app = fixture.App;

    private static async Task<MotionEvent> EndedEventAsync(HttpClient client)
    {
        MotionEvent? ended = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                var events = await client.GetFromJsonAsync<List<MotionEvent>>("api/events?camera=yard", Json);
                ended = events!.FirstOrDefault(e => e.End is not null && e.ClipFile is not null);
                return ended is not null;
            },
            "an event with a clip is listed",
            TimeSpan.FromSeconds(30));
        return ended!;
    }

    [Fact]
    public async Task AnEventIsListedWithItsSnapshotAndItsClipAsADownload()
    {
        using var client = _app.CreateBasicClient(DashboardApp.AdminUser, DashboardApp.AdminPassword);
        var motionEvent = await EndedEventAsync(client);

        // The square moves 1.2 s of every 3 s (the precise times are MotionEventTests' business, on synthetic time).
        Assert.InRange((motionEvent.End!.Value - motionEvent.Start).TotalSeconds, 0.3, 4);
        using var snapshot = await client.GetAsync($"api/events/yard/{motionEvent.Id:N}/snapshot.jpg");
        Assert.Equal("image/jpeg", snapshot.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xFF, 0xD8], (await snapshot.Content.ReadAsByteArrayAsync())[..2]);
        using var clip = await client.GetAsync($"api/events/yard/{motionEvent.Id:N}/clip.avi");
        Assert.Equal(HttpStatusCode.OK, clip.StatusCode);
        Assert.Equal("video/x-msvideo", clip.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("yard-", clip.Content.Headers.ContentDisposition?.FileNameStar ?? clip.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var bytes = await clip.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(motionEvent.ClipBytes, bytes.Length);
    }

    [Fact]
    public async Task TheCameraApiShowsTheMotionStateAndTheLastEvent()
    {
        using var client = _app.CreateBasicClient(DashboardApp.AdminUser, DashboardApp.AdminPassword);
        await EndedEventAsync(client);

        using var camera = JsonDocument.Parse(await client.GetStringAsync("api/cameras/yard"));
        var motion = camera.RootElement.GetProperty("motion");
        Assert.True(motion.GetProperty("enabled").GetBoolean());
        Assert.True(motion.GetProperty("checks").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Object, motion.GetProperty("lastEvent").ValueKind);
        Assert.True(camera.RootElement.GetProperty("settings").GetProperty("motion").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task OnlyOperatorsDeleteAnEventAndItsFilesGoWithIt()
    {
        using var admin = _app.CreateBasicClient(DashboardApp.AdminUser, DashboardApp.AdminPassword);
        var motionEvent = await EndedEventAsync(admin);
        using var anonymous = _app.CreateRawClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"api/events/yard/{motionEvent.Id:N}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"api/events/yard/{motionEvent.Id:N}/clip.avi")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"api/events/yard/{motionEvent.Id:N}")).StatusCode);

        var events = await admin.GetFromJsonAsync<List<MotionEvent>>("api/events?camera=yard", Json);
        Assert.DoesNotContain(events!, e => e.Id == motionEvent.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"api/events/yard/{motionEvent.Id:N}/clip.avi")).StatusCode);
        var storage = _app.Services.GetRequiredService<ClipStorage>();
        Assert.False(File.Exists(storage.ClipPath("yard", motionEvent.Id)));
        Assert.StartsWith(Path.Combine(_app.DataDirectory, "clips"), storage.Root, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACamerasMotionSettingsAreStoredWithItsZones()
    {
        var settings = new MotionSettings
        {
            Enabled = true,
            Sensitivity = 70,
            MinimumArea = 2.5,
            Zones = [new MotionZone { Name = "street", Mode = MotionZoneMode.Ignore, Points = [new(0, 0), new(0.5, 0), new(0.5, 0.2)] }],
        };
        var contexts = _app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var record = await db.Cameras.SingleAsync(c => c.Id == "yard");
            record.Definition = record.Definition with { Motion = settings };
            await db.SaveChangesAsync();
        }

        var stored = await _app.StoredCameraAsync("yard");

        Assert.Equal(settings, stored!.Definition.Motion);
        Assert.Equal(settings, stored.ToDefinition().Motion);
    }
}
