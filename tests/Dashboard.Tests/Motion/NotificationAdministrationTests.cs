using System.Net;
using Dashboard.Access;
using Dashboard.Cameras;
using Dashboard.Data;
using Dashboard.Motion;
using Dashboard.Tests.Access.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Cameras;

namespace Dashboard.Tests.Motion;

/// <summary>The rules of the notification settings, enforced by the service and the API whoever calls them.</summary>
public sealed class NotificationAdministrationTests(ViewerAndOperatorApp shared) : IClassFixture<ViewerAndOperatorApp>
{
    private const string Secret = "a-secret-long-enough-1";
    private readonly SecurityApp _app = shared.App;

    [Theory]
    [InlineData("viewer")]
    [InlineData("operator")]
    public async Task OnlyAdminsMaySeeOrChangeTheSettingsWhateverThePageShows(string userName)
    {
        var caller = await _app.PrincipalAsync(userName);
        await using var scope = _app.Services.CreateAsyncScope();
        var notifications = scope.ServiceProvider.GetRequiredService<NotificationAdministration>();

        Assert.Equal(ChangeStatus.Refused, (await notifications.OpenAsync(caller)).Status);
        Assert.Equal(ChangeStatus.Refused, (await notifications.SaveWebhookAsync(caller, new WebhookChange(null, "evil", "https://evil.example/", Secret))).Status);
        Assert.Equal(ChangeStatus.Refused, (await notifications.DeleteWebhookAsync(caller, Guid.NewGuid())).Status);
        Assert.Equal(ChangeStatus.Refused, (await notifications.SaveBrokerAsync(caller, Broker() with { Host = "evil.example" })).Status);
        Assert.Equal(ChangeStatus.Refused, (await notifications.SendTestAsync(caller, Guid.NewGuid())).Status);
        await using var db = await Db();
        Assert.False(await db.Webhooks.AnyAsync(w => w.Name == "evil"));

        using var api = _app.CreateBasicClient(userName, SecurityApp.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(new Uri("api/notifications", UriKind.Relative))).StatusCode);
        using var anonymous = _app.CreateRawClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("api/notifications", UriKind.Relative))).StatusCode);
        // The page too (a browser's sign-in is sent to access-denied instead: AuthorizationMatrixTests).
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(new Uri("admin/notifications", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task BadInputGetsAClearMessagePerFieldAndSavesNothing()
    {
        var admin = await _app.PrincipalAsync(DashboardApp.AdminUser);
        await using var scope = _app.Services.CreateAsyncScope();
        var notifications = scope.ServiceProvider.GetRequiredService<NotificationAdministration>();
        var before = await StoredAsync();

        var webhook = await notifications.SaveWebhookAsync(admin, new WebhookChange(null, " ", "ftp://files.example/hook", "short"));
        var broker = await notifications.SaveBrokerAsync(admin, new BrokerChange("cams.local", true, "", 70000, false, null, "pass-without-user", "cams/#", "ha/+"));

        Assert.Equal(ChangeStatus.Invalid, webhook.Status);
        Assert.Contains("at most 100 characters", webhook.ErrorFor(nameof(WebhookChange.Name)), StringComparison.Ordinal);
        Assert.Contains("http:// or https://", webhook.ErrorFor(nameof(WebhookChange.Url)), StringComparison.Ordinal);
        Assert.Contains("at least 16 characters", webhook.ErrorFor(nameof(WebhookChange.Secret)), StringComparison.Ordinal);
        Assert.Equal(ChangeStatus.Invalid, broker.Status);
        Assert.Contains("http:// or https://", broker.ErrorFor(nameof(BrokerChange.PublicUrl)), StringComparison.Ordinal);
        Assert.Contains("host name or IP address", broker.ErrorFor(nameof(BrokerChange.Host)), StringComparison.Ordinal);
        Assert.Contains("between 1 and 65535", broker.ErrorFor(nameof(BrokerChange.Port)), StringComparison.Ordinal);
        Assert.Contains("without # or +", broker.ErrorFor(nameof(BrokerChange.TopicPrefix)), StringComparison.Ordinal);
        Assert.Contains("without # or +", broker.ErrorFor(nameof(BrokerChange.DiscoveryPrefix)), StringComparison.Ordinal);
        Assert.Contains("without a user name", broker.ErrorFor(nameof(BrokerChange.UserName)), StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync());
    }

    [Fact]
    public async Task AStoredWebhookKeepsItsSecretWhenTheMaskComesBackAndIsInTheChangeLogWithoutIt()
    {
        var admin = await _app.PrincipalAsync(DashboardApp.AdminUser);
        await using var scope = _app.Services.CreateAsyncScope();
        var notifications = scope.ServiceProvider.GetRequiredService<NotificationAdministration>();
        var settings = _app.Services.GetRequiredService<NotificationSettings>();

        Assert.True((await notifications.SaveWebhookAsync(admin, new WebhookChange(null, "keeper", "https://hooks.example/keep?token=t0ken-in-the-url", Secret))).Succeeded);
        var shown = Assert.Single((await notifications.OpenAsync(admin)).Value!.Webhooks, w => w.Name == "keeper");
        Assert.Equal("https://hooks.example/keep?token=***", shown.Url);
        Assert.True((await notifications.SaveWebhookAsync(admin, new WebhookChange(shown.Id, "keeper2", shown.Url, Redaction.Mask))).Succeeded);

        var applied = Assert.Single(settings.Current.Webhooks, w => w.Id == shown.Id);
        Assert.Equal(("keeper2", "https://hooks.example/keep?token=t0ken-in-the-url", Secret), (applied.Name, applied.Url!.AbsoluteUri, applied.Secret));
        var log = await scope.ServiceProvider.GetRequiredService<CameraAudit>().ListAsync(NotificationAdministration.AuditSubject);
        Assert.Contains(log, e => e.Action == "webhook changed" && e.Details.Contains("Name: keeper -> keeper2", StringComparison.Ordinal));
        Assert.All(log, e => Assert.DoesNotContain(Secret, e.Details, StringComparison.Ordinal));
        Assert.All(log, e => Assert.DoesNotContain("t0ken-in-the-url", e.Details, StringComparison.Ordinal));

        Assert.True((await notifications.DeleteWebhookAsync(admin, shown.Id)).Succeeded);
        Assert.DoesNotContain(settings.Current.Webhooks, w => w.Id == shown.Id);
    }

    [Fact]
    public async Task TheConfigurationSeedsTheFirstStartAndTheStoredSettingsWinAfterARestart()
    {
        await using var first = new SecurityApp();
        first.WithSetting("Motion:PublicUrl", "https://cams.example/")
            .WithSetting("Motion:Webhooks:0:Name", "from-config")
            .WithSetting("Motion:Webhooks:0:Url", "https://hooks.example/a")
            .WithSetting("Motion:Webhooks:0:Secret", Secret);
        _ = first.Address;
        var settings = first.Services.GetRequiredService<NotificationSettings>();
        Assert.Equal(("from-config", Secret), (Assert.Single(settings.Current.Webhooks).Name, settings.Current.Webhooks[0].Secret));
        Assert.Equal("https://cams.example/", settings.Current.PublicUrl?.AbsoluteUri);

        var admin = await first.PrincipalAsync(DashboardApp.AdminUser);
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var notifications = scope.ServiceProvider.GetRequiredService<NotificationAdministration>();
            Assert.True((await notifications.DeleteWebhookAsync(admin, settings.Current.Webhooks[0].Id)).Succeeded);
        }

        Assert.Empty(settings.Current.Webhooks);
        await first.StopAsync();
        await using var restarted = first.Restarted();
        _ = restarted.Address;
        Assert.Empty(restarted.Services.GetRequiredService<NotificationSettings>().Current.Webhooks);
        Assert.Equal("https://cams.example/", restarted.Services.GetRequiredService<NotificationSettings>().Current.PublicUrl?.AbsoluteUri);
    }

    private static BrokerChange Broker() => new(null, false, null, 1883, false, null, null, "camera-dashboard", "homeassistant");

    private async Task<DashboardDbContext> Db() => await _app.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();

    private async Task<string> StoredAsync()
    {
        await using var db = await Db();
        var webhooks = await db.Webhooks.AsNoTracking().Select(w => w.Name).ToListAsync();
        var row = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync();
        var log = await db.AuditEntries.CountAsync(e => e.CameraId == NotificationAdministration.AuditSubject);
        return $"{string.Join(",", webhooks)} | {row?.MqttHost}:{row?.MqttPort} {row?.MqttTopicPrefix} {row?.PublicUrl} | {log}";
    }
}
