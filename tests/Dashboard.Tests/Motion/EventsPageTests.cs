using Dashboard.Access;
using Dashboard.Data;
using Dashboard.Motion;
using Dashboard.Motion.Pages;
using Dashboard.Tests.Tiles;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Cameras;
using Streaming.Motion;

namespace Dashboard.Tests.Motion;

public sealed class EventsPageTests : BunitDashboardContext
{
    private readonly InMemoryDashboardDb _db = new();
    private readonly CameraRegistry _cameras = TileTestServices.NewRegistry();
    private readonly MotionOptions _motion = new() { ClipDirectory = Directory.CreateTempSubdirectory("events-page-").FullName, MinFreeBytes = 0 };
    private readonly ClipStorage _storage;
    private readonly MotionEventStore _store;

    public EventsPageTests()
    {
        _storage = new ClipStorage(_motion);
        _store = new MotionEventStore(_db);
        Services.AddSingleton<IDbContextFactory<DashboardDbContext>>(_db);
        Services.AddSingleton(_cameras);
        Services.AddSingleton(_storage);
        Services.AddSingleton(_store);
        Services.AddSingleton(new MotionService(_cameras, Options.Create(_motion), _storage, [], NullLoggerFactory.Instance));
        Services.AddSingleton<ClipPlayers>();
        Services.AddScoped<MotionEventActions>();
    }

    public override async Task InitializeAsync()
    {
        await _cameras.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "porch", Name = "Front porch" }));
        await _cameras.AddOrUpdateAsync(new ConfiguredCamera(new CameraDefinition { Id = "yard", Name = "Yard" }));
    }

    protected override async Task DisposeTestAsync()
    {
        await _cameras.DisposeAsync();
        _db.Dispose();
        Directory.Delete(_motion.ClipDirectory, recursive: true);
    }

    /// <summary>An event <paramref name="ago"/> ago, lasting 4 s (open when <paramref name="ended"/> is false), with its clip file or without.</summary>
    private async Task<MotionEvent> StoreAsync(string camera, TimeSpan ago, bool clipFile = true, bool ended = true)
    {
        var start = DateTimeOffset.UtcNow - ago;
        var motionEvent = MotionAlertsHost.Notice(MotionNoticeKind.Ended, start, ended ? start.AddSeconds(4) : null).Event with { CameraId = camera };
        if (clipFile)
        {
            Directory.CreateDirectory(_storage.CameraFolder(camera));
            await File.WriteAllBytesAsync(_storage.ClipPath(camera, motionEvent.Id), [1, 2, 3]);
        }

        await _store.HandleAsync(new MotionNotice(ended ? MotionNoticeKind.Ended : MotionNoticeKind.Started, motionEvent), CancellationToken.None);
        return motionEvent;
    }

    private void SignInAs(string role) =>
        SignInAs(role, role);

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderPage(string address = "events")
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render(builder =>
        {
            builder.OpenComponent<EventsPage>(0);
            builder.CloseComponent();
        });
    }

    private static List<string> RowIds(IRenderedComponent<Bunit.Rendering.ContainerFragment> page) =>
        [.. page.FindAll("tbody [data-event]").Select(e => e.GetAttribute("data-event")!)];

    [Fact]
    public async Task EventsAreListedNewestFirstWithSnapshotCameraStartDurationAndPeak()
    {
        SignInAs(DashboardRoles.Viewer);
        var older = await StoreAsync("porch", TimeSpan.FromHours(2));
        var newer = await StoreAsync("yard", TimeSpan.FromHours(1));

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal([newer.Id.ToString("N"), older.Id.ToString("N")], RowIds(page)));
        var row = page.Find($"[data-event='{older.Id:N}']").Closest("tr")!;
        Assert.Contains("Front porch", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(EventsPage.Utc(older.Start), row.TextContent, StringComparison.Ordinal);
        Assert.Contains("4.0 s", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("12.5 %", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(MotionLinks.Snapshot(older), row.QuerySelector("img")!.GetAttribute("src"));
    }

    [Fact]
    public async Task TheCameraInTheAddressFiltersTheList()
    {
        SignInAs(DashboardRoles.Viewer);
        await StoreAsync("porch", TimeSpan.FromHours(2));
        var yard = await StoreAsync("yard", TimeSpan.FromHours(1));

        var page = RenderPage("events?camera=yard");

        page.WaitForAssertion(() => Assert.Equal([yard.Id.ToString("N")], RowIds(page)));
    }

    [Fact]
    public async Task TheLast24HoursShowByDefaultAndAnEarlierFromShowsOlderEvents()
    {
        SignInAs(DashboardRoles.Viewer);
        var old = await StoreAsync("porch", TimeSpan.FromDays(3));
        var recent = await StoreAsync("porch", TimeSpan.FromHours(3));
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal([recent.Id.ToString("N")], RowIds(page)));

        page.InputLabelled("From (UTC)").Change(DateTime.UtcNow.AddDays(-4).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));

        page.WaitForAssertion(() => Assert.Equal([recent.Id.ToString("N"), old.Id.ToString("N")], RowIds(page)));
        page.InputLabelled("To (UTC)").Change(DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        page.WaitForAssertion(() => Assert.Equal([old.Id.ToString("N")], RowIds(page)));
    }

    [Fact]
    public async Task AViewerCanPlayAndDownloadButHasNoDeleteButton()
    {
        SignInAs(DashboardRoles.Viewer);
        var motionEvent = await StoreAsync("porch", TimeSpan.FromHours(1));

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Single(RowIds(page)));
        var name = $"Front porch at {EventsPage.Utc(motionEvent.Start)}";
        Assert.Single(page.FindAll($"[aria-label='Play clip of {name}']"));
        Assert.Equal(MotionLinks.Clip(motionEvent), page.Find($"[aria-label='Download clip of {name}']").GetAttribute("href"));
        Assert.Empty(page.FindAll($"[aria-label='Delete event of {name}']"));
    }

    [Fact]
    public async Task AnOperatorDeletesAnEventAfterConfirming()
    {
        SignInAs(DashboardRoles.Operator);
        var motionEvent = await StoreAsync("porch", TimeSpan.FromHours(1));
        var providers = Render<MudBlazor.MudDialogProvider>();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Single(RowIds(page)));

        page.Find($"[aria-label='Delete event of Front porch at {EventsPage.Utc(motionEvent.Start)}']").Click();
        providers.WaitForElement(".mud-message-box").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        page.WaitForAssertion(() => Assert.Empty(RowIds(page)));
        Assert.Null(await _store.FindAsync("porch", motionEvent.Id, CancellationToken.None));
        Assert.False(File.Exists(_storage.ClipPath("porch", motionEvent.Id)));
    }

    [Fact]
    public async Task EventsWithoutAPlayableClipSayWhyInsteadOfOfferingPlayOrDownload()
    {
        SignInAs(DashboardRoles.Viewer);
        var missing = await StoreAsync("porch", TimeSpan.FromHours(3), clipFile: false);
        var ongoing = await StoreAsync("yard", TimeSpan.FromMinutes(1), ended: false);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(2, RowIds(page).Count));
        var missingRow = page.Find($"[data-event='{missing.Id:N}']").Closest("tr")!;
        Assert.Contains("Clip file is missing", missingRow.TextContent, StringComparison.Ordinal);
        var ongoingRow = page.Find($"[data-event='{ongoing.Id:N}']").Closest("tr")!;
        Assert.Contains("ongoing", ongoingRow.TextContent, StringComparison.Ordinal);
        Assert.Contains("Still recording", ongoingRow.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[aria-label^='Play clip']"));
        Assert.Empty(page.FindAll("[aria-label^='Download clip']"));
    }

    [Fact]
    public void AFullDiskShowsThatRecordingIsPaused()
    {
        SignInAs(DashboardRoles.Viewer);
        _motion.MinFreeBytes = long.MaxValue;

        var page = RenderPage();

        var alert = page.Find(".mud-alert[role=alert]");
        Assert.Contains("Recording paused: the disk of the clip folder has", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains("Live viewing goes on.", alert.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThousandsOfEventsAreReadAPageAtATime()
    {
        SignInAs(DashboardRoles.Viewer);
        var now = DateTimeOffset.UtcNow;
        await using (var db = _db.CreateDbContext())
        {
            db.MotionEvents.AddRange(Enumerable.Range(1, 3000).Select(i => MotionEventRecord.From(
                MotionAlertsHost.Notice(MotionNoticeKind.Ended, now.AddSeconds(-20 * i), now.AddSeconds((-20 * i) + 3)).Event with { ClipFile = null })));
            await db.SaveChangesAsync();
        }

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(25, RowIds(page).Count), TimeSpan.FromSeconds(10));
        var pager = System.Text.RegularExpressions.Regex.Replace(page.Find(".mud-table-pagination").TextContent, @"\s+", " ");
        Assert.Contains("1-25 of 3,000", pager, StringComparison.Ordinal);
    }
}
