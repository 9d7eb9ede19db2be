using Bunit.Rendering;
using Dashboard.Access;
using Dashboard.Access.Sharing.Components;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Access.Sharing;

public sealed class ShareLinksPanelTests : SecurityBunitContext
{
    public ShareLinksPanelTests()
        : base("olga", DashboardRoles.Operator)
    {
        // The browser turns the local date and time into UTC; here every local time is midnight UTC on 1 Jan 2000.
        var script = JSInterop.SetupModule("./Access/Sharing/Components/ShareLinksPanel.razor.js");
        script.Setup<string?>("localToUtc", _ => true).SetResult("2000-01-01T00:00:00.000Z");
    }

    [Fact]
    public async Task EmptyNameAndPastExpiryAreExplainedUnderTheirFields()
    {
        var panel = RenderPanel();
        panel.WaitForAssertion(() => Assert.Contains("No share links for this camera yet.", panel.Markup, StringComparison.Ordinal));

        await panel.InputLabelled("Expires (optional)").InputAsync(new ChangeEventArgs { Value = "2000-01-01T01:00" });
        await CreateAsync(panel);

        panel.WaitForAssertion(() => Assert.Equal("Enter a name, e.g. who the link is for.", panel.ErrorUnder("Link name")));
        Assert.StartsWith("Pick a time in the future", panel.ErrorUnder("Expires (optional)"), StringComparison.Ordinal);
        Assert.Contains("No share links for this camera yet.", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NameOverAHundredCharactersIsRefused()
    {
        var panel = RenderPanel();

        await panel.InputLabelled("Link name").InputAsync(new ChangeEventArgs { Value = new string('n', 101) });
        await CreateAsync(panel);

        panel.WaitForAssertion(() => Assert.Equal("Use at most 100 characters (this is 101).", panel.ErrorUnder("Link name")));
        Assert.Equal("", panel.ErrorUnder("Expires (optional)"));
    }

    [Fact]
    public async Task ANewLinksUrlsAreShownOnceAndTheLinkIsListed()
    {
        var panel = RenderPanel();

        await panel.InputLabelled("Link name").InputAsync(new ChangeEventArgs { Value = "Kitchen tablet" });
        await CreateAsync(panel);

        panel.WaitForAssertion(() => Assert.StartsWith("http://localhost/video_feed/porch?token=", panel.InputLabelled("Share link feed URL").GetAttribute("value"), StringComparison.Ordinal));
        var token = panel.InputLabelled("Share link feed URL").GetAttribute("value")!.Split("token=")[1];
        Assert.Equal($"http://localhost/snapshot/porch.jpg?token={token}", panel.InputLabelled("Share link snapshot URL").GetAttribute("value"));
        var row = panel.Find("table[aria-label='Share links'] tbody tr");
        Assert.Contains("Kitchen tablet", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("olga", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Active", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("", panel.ErrorUnder("Link name"));

        await panel.FindAll("button").First(b => b.TextContent.Trim() == "Done").ClickAsync(new());

        Assert.DoesNotContain(token, panel.Markup, StringComparison.Ordinal);
        Assert.Single(panel.FindAll("table[aria-label='Share links'] tbody tr"));
    }

    [Fact]
    public void AViewerWhoReachesThePanelAnywayGetsTheServersRefusalNotTheLinks()
    {
        Authorization.SetAuthorized("vic").SetRoles(DashboardRoles.Viewer).SetPolicies();

        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Contains("Only operators and admins may create, list or revoke share links.", panel.Markup, StringComparison.Ordinal));
        Assert.Empty(panel.FindAll("table"));
        Assert.Empty(panel.FindAll("input"));
    }

    private IRenderedComponent<ContainerFragment> RenderPanel() => RenderWithProviders<ShareLinksPanel>((nameof(ShareLinksPanel.CameraId), "porch"));

    private static Task CreateAsync(IRenderedComponent<ContainerFragment> panel) =>
        panel.FindAll("button").First(b => b.TextContent.Trim() == "Create link").ClickAsync(new());
}
