using System.Security.Claims;
using Bunit.Rendering;
using Dashboard.Access;
using Dashboard.Access.Tokens.Components;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Tests.Access.Tokens;

/// <summary>A user's tokens panel over the real service and database: made and shown once, explained, revoked, refused to others.</summary>
public sealed class TokensPanelTests() : SecurityBunitContext("hana", DashboardRoles.Viewer)
{

    [Fact]
    public async Task ANewTokenIsShownOnceListedAndRevokedAfterConfirming()
    {
        var panel = RenderPanel();
        panel.WaitForAssertion(() => Assert.Contains("No tokens yet.", panel.Markup, StringComparison.Ordinal));

        await panel.InputLabelled("Token name").InputAsync(new ChangeEventArgs { Value = "Home Assistant" });
        await Button(panel, "Make token").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.StartsWith("cdt_", panel.InputLabelled("Token").GetAttribute("value"), StringComparison.Ordinal));
        var secret = panel.InputLabelled("Token").GetAttribute("value")!;
        panel.WaitForAssertion(() => Assert.Contains("Home Assistant", panel.Find("[aria-label='Tokens'] tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Contains("Active", panel.Find("[aria-label='Tokens'] tbody tr").TextContent, StringComparison.Ordinal);
        await Button(panel, "Done").ClickAsync(new());
        Assert.DoesNotContain(secret, panel.Markup, StringComparison.Ordinal);

        // The click's handler waits for the dialog's answer, so it is not awaited here.
        var revoking = panel.Find("button[aria-label='Revoke Home Assistant']").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.Contains("What uses it is cut off at once, on every node", panel.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        await panel.Find(".mud-dialog").QuerySelectorAll("button").First(b => b.TextContent.Trim() == "Revoke").ClickAsync(new());
        await revoking.WaitAsync(TimeSpan.FromSeconds(10));

        panel.WaitForAssertion(() => Assert.Contains("Revoked", panel.Find("[aria-label='Tokens'] tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Empty(panel.FindAll("button[aria-label='Revoke Home Assistant']"));
    }

    [Fact]
    public async Task AnEmptyNameIsExplainedUnderItsFieldAndNothingIsMade()
    {
        var panel = RenderPanel();
        panel.WaitForAssertion(() => Assert.Contains("No tokens yet.", panel.Markup, StringComparison.Ordinal));

        await Button(panel, "Make token").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Equal("Enter a name, e.g. the tool that will use the token.", panel.ErrorUnder("Token name")));
        Assert.Contains("No tokens yet.", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherUserWhoReachesThePanelGetsTheServersRefusalNotTheTokens()
    {
        SignInAs("otto", DashboardRoles.Operator);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, "someone-else"));

        var panel = RenderPanel();

        panel.WaitForAssertion(() => Assert.Contains("Only the token's owner or an admin may make, list or revoke it.", panel.Markup, StringComparison.Ordinal));
        Assert.Empty(panel.FindAll("tbody"));
        Assert.Empty(panel.FindAll("input"));
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<ContainerFragment> panel, string text) =>
        panel.WaitForElements("button").Last(b => b.TextContent.Trim() == text);

    private IRenderedComponent<ContainerFragment> RenderPanel() =>
        RenderWithProviders<TokensPanel>((nameof(TokensPanel.UserId), UserId), (nameof(TokensPanel.UserName), "hana"));
}
