using System.Security.Cryptography;
using System.Text;
using Dashboard.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Operations;

/// <summary>Who may scrape <c>/metrics</c>: a dashboard user, or a scraper presenting <c>Metrics:BearerToken</c>.</summary>
public sealed class MetricsAccessRequirement : IAuthorizationRequirement;

internal sealed class MetricsAccessHandler(IOptions<OperationsOptions> options) : AuthorizationHandler<MetricsAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MetricsAccessRequirement requirement)
    {
        if (DashboardRoles.All.Any(context.User.IsInRole) || HasToken(context.Resource as HttpContext))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private bool HasToken(HttpContext? http)
    {
        var expected = options.Value.MetricsBearerToken;
        var header = http?.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(expected) || header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[7..].Trim()), Encoding.UTF8.GetBytes(expected));
    }
}
