using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Dashboard.Data;
using Dashboard.Motion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Dashboard.Tests.Motion;

/// <summary>
/// In Debian's Chromium, an admin sets up the webhooks and the MQTT broker on the notifications page; the app applies
/// them at once (no restart) and never sends a secret back: not to the page, the circuit, the API or the logs.
/// </summary>
public sealed class NotificationsInChromiumTests(ChromiumFixture chromium, NotificationsApp fixture) : ChromiumTest(chromium), IClassFixture<NotificationsApp>
{
    private const string HomeSecret = "home-secret-typed-in-the-page";
    private const string VaultSecret = "vault-secret-never-shown-42";
    private const string NewPassword = "new-broker-pass-typed-99";

    [Fact]
    public async Task AWebhookAddedOnThePageGetsTheNextEventSignedWithTheSecretTypedThere()
    {
        await using var context = await Browser.NewSignedInContextAsync(fixture.App);
        var page = await context.NewPageAsync();
        await page.GotoAsync("admin/notifications", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });

        await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("home");
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync($"{fixture.Receiver.Url}/home");
        await page.GetByLabel("Secret", new() { Exact = true }).FillAsync(HomeSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save webhook" }).ClickAsync();
        var webhook = page.GetByRole(AriaRole.Region, new() { Name = "Webhook home" });
        await Assertions.Expect(webhook).ToContainTextAsync("Secret: set");

        var notice = await fixture.RaiseEventAsync();
        var (_, body, headers) = await ReceivedAsync("home", notice.Event.Id.ToString());
        Assert.True(WebhookPayload.Verify(Encoding.UTF8.GetBytes(body), HomeSecret, headers[WebhookPayload.SignatureHeader]), "signed with the secret typed on the page");
        Assert.Equal("motion.start", headers[WebhookPayload.EventHeader]);
        await Assertions.Expect(webhook.Locator(".webhook-delivery").First).ToContainTextAsync("HTTP 200");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send test to home" }).ClickAsync();
        await Assertions.Expect(webhook.GetByRole(AriaRole.Status)).ToContainTextAsync("the receiver answered HTTP 200");
        var (_, testBody, testHeaders) = await ReceivedAsync("home", "\"type\":\"test\"");
        Assert.True(WebhookPayload.Verify(Encoding.UTF8.GetBytes(testBody), HomeSecret, testHeaders[WebhookPayload.SignatureHeader]), "the test payload is signed too");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("notifications-webhook") });
    }

    [Fact]
    public async Task ABrokerChangedOnThePageGetsTheDiscoveryAndTheOldOneIsToldOffline()
    {
        await using var second = await MqttListener.StartAsync(fixture.Second, "second-listener", "homeassistant/#", "camera-dashboard/#");
        await using var first = await MqttListener.StartAsync(fixture.First, "first-listener", "camera-dashboard/status");
        await using var context = await Browser.NewSignedInContextAsync(fixture.App);
        var page = await context.NewPageAsync();
        await page.GotoAsync("admin/notifications", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var state = page.Locator(".mqtt-state");
        await Assertions.Expect(state).ToHaveTextAsync($"Connected to 127.0.0.1:{fixture.First.Port}");

        await page.GetByLabel("Port", new() { Exact = true }).FillAsync(fixture.Second.Port.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save broker and address" }).ClickAsync();

        await Assertions.Expect(state).ToHaveTextAsync($"Connected to 127.0.0.1:{fixture.Second.Port}");
        const string config = "homeassistant/binary_sensor/camera-dashboard/porch_motion/config";
        await Eventually.HoldsAsync(() => second.Last(config) is not null && second.Last("camera-dashboard/status")?.Payload == "online", "the new broker got discovery and online");
        Assert.Contains("\"state_topic\":\"camera-dashboard/porch/motion\"", second.Last(config)!.Value.Payload, StringComparison.Ordinal);
        await Eventually.HoldsAsync(() => first.Last("camera-dashboard/status")?.Payload == "offline", "the old broker was told offline");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("notifications-mqtt") });
    }

    [Fact]
    public async Task NoSecretReachesThePageTheCircuitTheApiOrTheLogs()
    {
        var admin = await fixture.App.PrincipalAsync(DashboardApp.AdminUser);
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<NotificationAdministration>()
                .SaveWebhookAsync(admin, new WebhookChange(null, "vault", $"{fixture.Receiver.Url}/vault", VaultSecret));
            Assert.True(saved.Succeeded, saved.Message);
        }

        await using var context = await Browser.NewSignedInContextAsync(fixture.App);
        var page = await context.NewPageAsync();
        var received = new ConcurrentQueue<string>();
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => received.Enqueue(frame.Text ?? Encoding.UTF8.GetString(frame.Binary ?? []));
        await page.GotoAsync("admin/notifications", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var vault = page.GetByRole(AriaRole.Region, new() { Name = "Webhook vault" });
        await Assertions.Expect(vault).ToContainTextAsync("Secret: set");
        await Assertions.Expect(page.GetByText("Password: set.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit vault" }).ClickAsync();
        await Assertions.Expect(vault.GetByLabel("Secret", new() { Exact = true })).ToHaveValueAsync("***");
        await Assertions.Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("***");
        AssertNoSecret(await page.ContentAsync(), "the page");
        // Before typing: what the browser types, the circuit may echo to that browser.
        AssertNoSecret(string.Join("\n", received), "the circuit");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save broker and address" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved and applied." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("***");
        AssertNoSecret(await page.ContentAsync(), "the page after saving");

        using var api = fixture.App.CreateBasicClient();
        var json = await api.GetStringAsync(new Uri("api/notifications", UriKind.Relative));
        Assert.Contains("\"passwordSet\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"vault\"", json, StringComparison.Ordinal);
        AssertNoSecret(json, "the API");

        AssertNoSecret(string.Join("\n", fixture.App.Logs.GetSnapshot().Select(l => $"{l.Message} {l.Exception}")), "the logs");
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        AssertNoSecret(string.Join("\n", await db.Webhooks.Select(w => w.ProtectedSecret).ToListAsync()), "the stored webhooks");
        AssertNoSecret(string.Join("\n", await db.AuditEntries.Select(e => e.Details).ToListAsync()), "the change log");
        Assert.Contains(await db.AuditEntries.Select(e => e.Details).ToListAsync(), d => d.Contains("password replaced", StringComparison.Ordinal));
    }

    private static void AssertNoSecret(string text, string where)
    {
        foreach (var secret in new[] { HomeSecret, VaultSecret, NewPassword, NotificationsApp.SeededPassword })
        {
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} holds a secret");
        }
    }

    private async Task<(string Path, string Body, Dictionary<string, string> Headers)> ReceivedAsync(string path, string bodyHolds)
    {
        await Eventually.HoldsAsync(() => fixture.Receiver.Received.Any(r => r.Path == path && r.Body.Contains(bodyHolds, StringComparison.Ordinal)), $"{path} got {bodyHolds}");
        return fixture.Receiver.Received.Last(r => r.Path == path && r.Body.Contains(bodyHolds, StringComparison.Ordinal));
    }
}
