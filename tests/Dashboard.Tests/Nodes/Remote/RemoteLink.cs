using Dashboard.Access;
using Dashboard.Access.Tokens;
using Dashboard.Nodes.Remote;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Nodes.Remote;

/// <summary>How an admin links one dashboard (the edge) to another (the hub): a viewer and a token made on the edge, linked on the hub.</summary>
internal static class RemoteLink
{
    public static async Task LinkAsync(SecurityApp hub, SecurityApp edge, string id, string name, string viewer = "hub")
    {
        var user = await edge.CreateUserAsync(viewer, DashboardRoles.Viewer);
        var token = await edge.Tokens.CreateAsync(await edge.PrincipalAsync(viewer), new NewMachineToken(user.Id, $"the {viewer}", null));
        await using var scope = hub.Services.CreateAsyncScope();
        var link = await scope.ServiceProvider.GetRequiredService<RemoteDashboardService>().LinkAsync(
            await hub.PrincipalAsync(DashboardApp.AdminUser),
            new NewRemoteDashboard(id, name, edge.Address.ToString(), token.Value!.Secret));
        Assert.True(link.Succeeded, link.Message);
    }
}
