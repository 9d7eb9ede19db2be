using Dashboard.Access;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;
using Streaming.Http;
using Streaming.Sources;
using Streaming.Sources.Http;

namespace Dashboard.Tests.Cameras;

/// <summary>Another dashboard for Http cameras to read (one per test class), with a Viewer named <c>relay</c>.</summary>
public sealed class RemoteDashboard : IAsyncLifetime
{
    public SecurityApp App { get; } = new();

    public ServiceProvider Services { get; } = new ServiceCollection().AddHttpCameraClient().BuildServiceProvider();

    public Task InitializeAsync() => App.CreateUserAsync("relay", DashboardRoles.Viewer);

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await App.DisposeAsync();
    }
}

/// <summary>An Http camera reading another instance of this dashboard, with a user's HTTP Basic or a share link.</summary>
public sealed class HttpCameraFromDashboardTests(RemoteDashboard remote) : IClassFixture<RemoteDashboard>
{
    private readonly SecurityApp _remote = remote.App;

    private IFrameSource Source(string pathAndQuery, string? userName = null, string? password = null) =>
        new FrameSourceFactory(TimeProvider.System, remote.Services.GetRequiredService<IHttpClientFactory>()).Create(new CameraDefinition
        {
            Id = "relay",
            Kind = CameraKind.Http,
            Url = new Uri(_remote.Address, pathAndQuery).ToString(),
            UserName = userName,
            Password = password,
        });

    private static async Task AssertStreamsAsync(IFrameSource source)
    {
        await source.OpenAsync(CancellationToken.None).AsTask().WaitAsync(Eventually.DefaultTimeout);
        for (var i = 0; i < 3; i++)
        {
            using var frame = await source.ReadFrameAsync(CancellationToken.None).Within(TimeSpan.FromSeconds(15));
            Assert.Equal((320, 240), (frame.Width, frame.Height));
            Assert.True(frame.Jpeg.Span is [0xFF, 0xD8, .., 0xFF, 0xD9]);
        }
    }

    [Fact]
    public async Task ReadsTheFeedOfAnotherDashboardWithAViewersBasicCredentials()
    {
        await using var source = Source(FeedRoutes.Feed("porch"), "relay", SecurityApp.Password);

        await AssertStreamsAsync(source);
    }

    [Fact]
    public async Task ReadsTheFeedOfAnotherDashboardThroughAShareLink()
    {
        var link = await _remote.CreateLinkAsync("porch", "relay link");
        await using var source = Source(SecurityApp.FeedPath(link));

        await AssertStreamsAsync(source);
    }

    [Fact]
    public async Task ReadsTheSnapshotOfAnotherDashboardThroughAShareLink()
    {
        var link = await _remote.CreateLinkAsync("porch", "relay snapshot link");
        await using var source = Source($"{FeedRoutes.Snapshot("porch")}?{DashboardSchemes.TokenParameter}={link.Token}");

        await AssertStreamsAsync(source);
        Assert.True(((HttpCameraSource)source).IsSnapshot);
    }

    [Fact]
    public async Task AWrongPasswordForAnotherDashboardIsSaidToBeRefused()
    {
        await using var source = Source(FeedRoutes.Feed("porch"), "relay", "not-the-password");

        var failure = await Assert.ThrowsAsync<FrameSourceException>(() => source.OpenAsync(CancellationToken.None).AsTask().WaitAsync(Eventually.DefaultTimeout));

        Assert.Equal($"{new Uri(_remote.Address, FeedRoutes.Feed("porch"))} refused the user name and password (401 Unauthorized).", failure.Message);
    }
}
