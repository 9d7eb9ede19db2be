using System.Diagnostics;
using System.Net;
using Streaming.Cameras;
using Streaming.Http;
using Xunit.Abstractions;

namespace Dashboard.Tests.Operations;

/// <summary>
/// A client on a poor link behind nginx (the repository's snippet) on a server set up as docs/deploy/nginx says, with
/// <c>net.ipv4.tcp_notsent_lowat</c> at 16 KB. The setting is the kernel's, per network namespace: the app, nginx and
/// the client run in a namespace of the test's own with it set there, and the machine's own setting is left as it is.
/// It checks how old frames get, not how many arrive, so it runs beside the other tests.
/// </summary>
[Collection(LongLanesFirst.SlowClient)]
public sealed class SlowClientBehindProxyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string NotSentLowWaterSetting = "net.ipv4.tcp_notsent_lowat";
    private const string NotSentLowWater = "16384";
    private const int SlowBytesPerSecond = 50 * 1024;
    private static readonly IPAddress ClientAddress = IPAddress.Parse("127.0.0.2");
    private static readonly TimeSpan SlowWindow = TimeSpan.FromSeconds(20);

    private readonly string _hostSettingBefore = NetworkNamespace.HostKernelSetting(NotSentLowWaterSetting);
    private NetworkNamespace? _network;
    private ChildApp? _app;
    private NginxProxy? _nginx;

    public async Task InitializeAsync()
    {
        _network = await NetworkNamespace.CreateAsync(new Dictionary<string, string> { [NotSentLowWaterSetting] = NotSentLowWater });
        var settings = new Dictionary<string, string> { ["Auth__AdminPassword"] = DashboardApp.AdminPassword };
        foreach (var (key, value) in CameraSettings.ToConfiguration(new CameraDefinition { Id = "porch", Name = "Porch", Width = 320, Height = 240, Fps = 10 }))
        {
            settings[$"Cameras__0__{key.Replace(":", "__", StringComparison.Ordinal)}"] = value ?? "";
        }

        _app = AppProcess.Start(settings, network: _network);
        _nginx = await NginxProxy.StartAsync(await _app.AddressAsync(TimeSpan.FromSeconds(60)), _network);
    }

    public Task DisposeAsync()
    {
        _nginx?.Dispose();
        _app?.Dispose();
        _network?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SlowClientThroughTheProxyStaysNearLiveInsteadOfFallingFurtherBehind()
    {
        Assert.Equal(NotSentLowWater, _network!.KernelSetting(NotSentLowWaterSetting));
        using var client = SourceAddressClient.Create(_nginx!.Address, ClientAddress, DashboardApp.AdminUser, DashboardApp.AdminPassword, receiveBufferBytes: 8 * 1024, network: _network);
        using var response = await client.GetAsync(new Uri($"{FeedRoutes.Feed("porch")}?client=slow", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new MjpegFeed(new SlowReadStream(await response.Content.ReadAsStreamAsync(), SlowBytesPerSecond));
        using var timeout = new CancellationTokenSource(SlowWindow * 3);

        var started = Stopwatch.GetTimestamp();
        var parts = new List<(TimeSpan At, MjpegPart Part)>();
        while (Stopwatch.GetElapsedTime(started) < SlowWindow)
        {
            var part = await reader.ReadPartAsync(timeout.Token) ?? throw new InvalidOperationException("The feed ended.");
            parts.Add((Stopwatch.GetElapsedTime(started), part));
        }

        Assert.All(parts, p => Assert.True(p.Part.IsWholeJpeg, "every part is a whole frame"));
        var half = SlowWindow / 2;
        var oldestFirstHalf = parts.Where(p => p.At < half).Max(p => p.Part.Age);
        var oldestSecondHalf = parts.Where(p => p.At >= half).Max(p => p.Part.Age);
        output.WriteLine($"slow client ({SlowBytesPerSecond / 1024} KB/s): {parts.Count} parts in {SlowWindow.TotalSeconds:0} s, {parts.Average(p => p.Part.Body.Length) / 1024:0.0} KB each; oldest frame {oldestFirstHalf.TotalSeconds:0.0} s in the first half, {oldestSecondHalf.TotalSeconds:0.0} s in the second");

        // Without the setting, nginx's socket to the client queues megabytes and the client falls ever further
        // behind (25 s after 40 s here); with it, the app sees the back-pressure and skips frames.
        Assert.True(oldestSecondHalf < TimeSpan.FromSeconds(5), $"A {SlowBytesPerSecond / 1024} KB/s client got frames {oldestSecondHalf.TotalSeconds:0.0} s old through the proxy.");
        Assert.True(oldestSecondHalf < oldestFirstHalf + TimeSpan.FromSeconds(1), $"The slow client fell further behind: {oldestFirstHalf.TotalSeconds:0.0} s, then {oldestSecondHalf.TotalSeconds:0.0} s.");

        // The machine kept its own setting.
        Assert.Equal(_hostSettingBefore, NetworkNamespace.HostKernelSetting(NotSentLowWaterSetting));
    }
}
