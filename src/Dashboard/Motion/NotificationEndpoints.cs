using Dashboard.Access;

namespace Dashboard.Motion;

/// <summary>
/// The notification settings as JSON for admins (secrets only as set or not set), with the latest webhook deliveries
/// and the broker connection (admins: the caller requires it). Changes are made on the page, <c>/admin/notifications</c>.
/// </summary>
internal static class NotificationEndpoints
{
    public static RouteHandlerBuilder MapNotifications(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/notifications", async (HttpContext context, NotificationAdministration administration, WebhookDeliveries deliveries, MqttPublisher publisher) =>
        {
            var opened = await administration.OpenAsync(context.User, context.RequestAborted);
            return opened.Status switch
            {
                ChangeStatus.Done => Results.Ok(new { settings = opened.Value, deliveries = deliveries.Latest, mqtt = publisher.State }),
                _ => Results.Forbid(),
            };
        });
}
