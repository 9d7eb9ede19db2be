using System.Text.Json;
using Dashboard.Access;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Operations;

/// <summary>
/// Readiness answers: the overall status for anyone (load balancers, uptime checks); each check's status,
/// description and data only for a signed-in admin (camera ids and errors are not for strangers).
/// </summary>
internal static class HealthResponses
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.Headers.CacheControl = "no-store";
        if (!context.User.IsInRole(DashboardRoles.Admin))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return context.Response.WriteAsync(report.Status.ToString());
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(
            new
            {
                status = report.Status.ToString(),
                duration = report.TotalDuration,
                checks = report.Entries.ToDictionary(
                    e => e.Key,
                    e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
            },
            Json));
    }
}
