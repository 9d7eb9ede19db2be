using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Dashboard.Access;
using Dashboard.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Operations;

/// <summary>The real app for the health and metrics tests: a viewer account and Prometheus scrapes.</summary>
public sealed class OperationsApp : DashboardApp
{
    public const string Viewer = "viewer";

    public const string ViewerPassword = "Viewer-Password-42";

    public async Task CreateViewerAsync()
    {
        _ = Address;
        await Services.GetRequiredService<DatabaseInitializer>().EnsureInitializedAsync();
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DashboardUser>>();
        var viewer = new DashboardUser { UserName = Viewer };
        Assert.True((await users.CreateAsync(viewer, ViewerPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(viewer, DashboardRoles.Viewer)).Succeeded);
    }

    /// <summary>
    /// The value of one Prometheus sample, e.g. <c>camera_frames_sent_total</c> with <c>camera="porch"</c> and
    /// <c>kind="feed"</c>; 0 while the series does not exist yet.
    /// </summary>
    public static async Task<double> SampleAsync(HttpClient client, string metric, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(metric + "{", StringComparison.Ordinal)
            && labels.All(label => l[..(l.LastIndexOf('}') + 1)].Contains(label, StringComparison.Ordinal)));
        return line is null ? 0 : double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public HttpClient CreateBearerClient(string token)
    {
        var client = CreateRawClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
