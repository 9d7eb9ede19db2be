using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Dashboard.Cameras;
using Dashboard.Cameras.Components;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Broadcasting;
using Streaming.Cameras;

namespace Dashboard.Tests.Cameras;

public sealed class CameraStatisticsViewTests : BunitDashboardContext
{
    private readonly FakeStatisticsSource _source = new();

    public CameraStatisticsViewTests() => Services.AddSingleton<ICameraStatisticsSource>(_source);

    private static SubscriberStatistics Viewer(string id, string? user, string? label, string userAgent) =>
        new(id, SubscriberKind.Feed, label, user, "10.0.0.7", userAgent, DateTimeOffset.UtcNow.AddMinutes(-3), 120, 4, 3_500_000, 9.5);

    private static CameraStatistics Statistics(params SubscriberStatistics[] viewers) =>
        new("porch", "Porch", CameraKind.TestPattern, CameraState.Streaming, null, DateTimeOffset.UtcNow, 10, 3.2, 45_000, 1280, 720, 500, 500, 0, false, FramePath.Encoded(null), 0, 0, 0, DateTimeOffset.UtcNow, viewers);

    private IRenderedComponent<CameraStatisticsView> RenderTable() => Render<CameraStatisticsView>(p => p
        .Add(v => v.CameraId, "porch")
        .Add(v => v.ChildContent, stats => builder =>
        {
            builder.OpenComponent<SubscriberTable>(0);
            builder.AddAttribute(1, nameof(SubscriberTable.Subscribers), stats.Subscribers);
            builder.CloseComponent();
        }));

    [Fact]
    public void ViewerTableFollowsTheLiveStatistics()
    {
        var view = RenderTable();

        _source.Publish(Statistics(Viewer("a", "alice", "kitchen", "VLC/3.0"), Viewer("b", null, "link: neighbour", "HomeAssistant/2026.11")));
        view.WaitForAssertion(() => Assert.Equal(2, view.FindAll("tbody tr").Count));
        Assert.Contains("alice (kitchen)", view.Find("tr[data-subscriber=a]").TextContent, StringComparison.Ordinal);
        Assert.Contains("link: neighbour", view.Find("tr[data-subscriber=b]").TextContent, StringComparison.Ordinal);

        _source.Publish(Statistics(Viewer("a", "alice", "kitchen", "VLC/3.0")));
        view.WaitForAssertion(() => Assert.Single(view.FindAll("tbody tr")));
    }

    [Fact]
    public void RowShowsWhatTheClientReceived()
    {
        var view = RenderTable();

        _source.Publish(Statistics(Viewer("a", "alice", null, "VLC/3.0")));

        view.WaitForAssertion(() =>
        {
            var cells = view.FindAll("tr[data-subscriber=a] td").Select(c => c.TextContent.Trim()).ToList();
            Assert.Equal(["Feed", "alice", "10.0.0.7", "VLC/3.0", "3 min ago", "9.5", "120", "4", "3.3 MB"], cells);
        });
    }

    [Fact]
    public void NobodyWatchingIsSaidInWords()
    {
        var view = RenderTable();

        _source.Publish(Statistics());

        view.WaitForAssertion(() => Assert.Contains("Nobody is watching this camera right now.", view.Markup, StringComparison.Ordinal));
    }

    private sealed class FakeStatisticsSource : ICameraStatisticsSource
    {
        private readonly Channel<CameraStatistics> _updates = Channel.CreateUnbounded<CameraStatistics>();

        public void Publish(CameraStatistics statistics) => _updates.Writer.TryWrite(statistics);

        public async IAsyncEnumerable<CameraStatistics> WatchAsync(string cameraId, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var statistics in _updates.Reader.ReadAllAsync(cancellationToken))
            {
                yield return statistics;
            }
        }
    }
}
