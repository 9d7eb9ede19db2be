using System.Net;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streaming.Cameras;

namespace Dashboard.Tests.Nodes;

/// <summary>
/// Two nodes started at the same moment on an empty PostgreSQL database: one migrates and seeds while the other waits,
/// then finds it done. Both start healthy, the database holds one admin, each demo camera once and one row of
/// notification settings, and neither node logs an error.
/// </summary>
[Collection(PostgresServer.Name)]
public sealed class SeedingRaceTests(ThrowawayPostgres postgres)
{
    [Fact]
    public async Task TwoNodesStartedAtOnceOnAnEmptyDatabaseSeedItOnceAndBothStartHealthy()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var a = Node(database, "a");
        await using var b = Node(database, "b");

        using var go = new ManualResetEventSlim();
        var starting = new[] { a, b }.Select(node => Task.Run(() =>
        {
            go.Wait();
            return node.ReadyAsync();
        })).ToList();
        go.Set();
        await Task.WhenAll(starting).WaitAsync(TimeSpan.FromSeconds(90));

        foreach (var node in new[] { a, b })
        {
            using var client = node.CreateRawClient();
            using var ready = await client.GetAsync(new Uri("healthz/ready", UriKind.Relative));
            Assert.True(ready.StatusCode == HttpStatusCode.OK, $"node {node.NodeName} answered {(int)ready.StatusCode} to /healthz/ready");
        }

        await using var db = await a.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync();
        Assert.Equal([DashboardApp.AdminUser], await db.Users.Select(u => u.UserName!).ToListAsync());
        Assert.Equal(
            DemoCameras.Create().Select(c => c.Id).Order(StringComparer.Ordinal),
            (await db.Cameras.Select(c => c.Id).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(1, await db.NotificationSettings.CountAsync());
        Assert.Equal(1, await db.Webhooks.CountAsync());
        foreach (var node in new[] { a, b })
        {
            var errors = node.Logs.GetSnapshot().Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception?.Message}").ToList();
            Assert.True(errors.Count == 0, $"node {node.NodeName} logged: {string.Join(" | ", errors)}");
        }
    }

    /// <summary>A node with no cameras configured (so the first start stores the demo cameras) and a webhook to seed, whose secret needs the key ring.</summary>
    private static NodeApp Node(string database, string name)
    {
        var node = new NodeApp(database, name);
        node.WithoutCameras();
        node.WithSetting("Motion:Webhooks:0:Url", "https://hooks.example/seeded");
        node.WithSetting("Motion:Webhooks:0:Secret", "seeded-webhook-secret");
        return node;
    }
}
