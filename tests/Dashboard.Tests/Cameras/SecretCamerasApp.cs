using System.Net;
using System.Net.Sockets;
using Dashboard.Access;
using Dashboard.Access.Sharing;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

/// <summary>
/// The real app with cameras whose settings hold credentials in every form the issue lists: a password
/// holding '@', query-string credentials, and a Command camera's option values, also repeated in the
/// error output of the program. <c>door</c> and <c>pi</c> are always on and keep failing (a closed loopback
/// port; a program that prints the secrets and exits); <c>gate</c>, <c>shed</c>, <c>barn</c> and <c>hall</c> are for editing.
/// Users: <c>vera</c> (Viewer), <c>olga</c> and <c>otto</c> (Operators).
/// </summary>
public sealed class SecretCamerasApp : IAsyncLifetime
{
    public const string Viewer = "vera";
    public const string Operator = "olga";
    public const string OtherOperator = "otto";

    /// <summary>What must never be shown, sent or logged.</summary>
    public static readonly string[] Secrets = ["p@ss-9", "camuser", "secret-9", "sekrit-1", "hunter-22"];

    private static readonly string[] FailingCameras = ["door", "pi"];

    public SecretCamerasApp()
    {
        Port = ClosedLoopbackPort();
        Url = $"rtsp://camuser:p@ss-9@127.0.0.1:{Port}/x?user=camuser&pwd=secret-9";
        App = new SecurityApp();
        Add(2, new CameraDefinition { Id = "door", Name = "Door", Kind = CameraKind.OpenCv, Url = Url, AlwaysOn = true, Width = 320, Height = 240 });
        Add(3, new CameraDefinition
        {
            Id = "pi",
            Name = "Pi",
            Kind = CameraKind.Command,
            Command = "sh",
            Arguments = ["-c", $"echo \"DESCRIBE failed for {Url} with sekrit-1\" >&2; exit 3", "-password", "sekrit-1", "--pass=hunter-22"],
            AlwaysOn = true,
            Width = 320,
            Height = 240,
        });
        Add(4, new CameraDefinition { Id = "gate", Name = "Gate", Kind = CameraKind.OpenCv, Url = Url, Width = 320, Height = 240 });
        Add(5, new CameraDefinition { Id = "shed", Name = "Shed", Kind = CameraKind.OpenCv, Url = Url, Width = 320, Height = 240 });
        Add(6, new CameraDefinition { Id = "barn", Name = "Barn", Kind = CameraKind.OpenCv, Url = Url, Width = 320, Height = 240 });
        Add(7, new CameraDefinition { Id = "hall", Name = "Hall", Width = 320, Height = 240, Fps = 10 });
    }

    public SecurityApp App { get; }

    /// <summary>The loopback port nothing listens on, which <c>door</c> tries to reach.</summary>
    public int Port { get; }

    public string Url { get; }

    public CreatedShareLink DoorLink { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.CreateUserAsync(Viewer, DashboardRoles.Viewer);
        await App.CreateUserAsync(Operator, DashboardRoles.Operator);
        await App.CreateUserAsync(OtherOperator, DashboardRoles.Operator);
        DoorLink = await App.CreateLinkAsync("door", "for the neighbour");
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Waits until both failing cameras have failed at least twice (or for good), so their errors are shown and logged.</summary>
    public Task FailingCamerasHaveFailedAsync() => Eventually.HoldsAsync(
        () => FailingCameras.All(id => App.Cameras.Find(id) is { } c && c.Status.LastError is not null && (c.ReadStatistics().Reconnects >= 2 || c.State == CameraState.Failed)),
        "door and pi have failed twice",
        TimeSpan.FromSeconds(30));

    public static void AssertHoldsNoSecret(string? text, string where)
    {
        foreach (var secret in Secrets)
        {
            Assert.False(text?.Contains(secret, StringComparison.Ordinal) == true, $"{where} holds '{secret}': {text}");
        }
    }

    private void Add(int index, CameraDefinition camera)
    {
        foreach (var (key, value) in CameraSettings.ToConfiguration(camera))
        {
            App.WithSetting($"Cameras:{index}:{key}", value);
        }
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
