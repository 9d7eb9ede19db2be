using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Streaming.Cameras;
using Streaming.Imaging;

namespace Dashboard.Tests.Data;

/// <summary>A database written before cameras were stored as one definition keeps every camera and setting on upgrade.</summary>
public sealed class CameraUpgradeTests
{
    /// <summary>The last migration with one column per setting.</summary>
    private const string ColumnsPerSetting = "HttpCameraCredentials";

    private static readonly JsonSerializerOptions OldColumnJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly CameraDefinition Gate = new()
    {
        Id = "gate",
        Name = "Front gate",
        Kind = CameraKind.Http,
        Width = 640,
        Height = 480,
        Fps = 7.5,
        JpegQuality = 65,
        AlwaysOn = true,
        Enabled = false,
        Url = "http://192.0.2.10/video.mjpg",
        UserName = "viewer",
        Password = "gate-Secret-1",
        Loop = false,
        Image = new ImageAdjustments { Rotation = Rotation.Clockwise90, FlipHorizontal = true, Brightness = -20, Overlay = OverlayPosition.BottomLeft, OverlayScale = 1.5 },
        DeviceProperties = new Dictionary<string, double> { ["Gain"] = 8, ["Exposure"] = -3.5 },
    };

    private static readonly CameraDefinition Pi = new()
    {
        Id = "pi",
        Kind = CameraKind.Command,
        Command = "rpicam-vid",
        Arguments = ["--codec", "mjpeg", "-o", "-"],
    };

    [Fact]
    public async Task AnOldSqliteDatabaseUpgradesWithItsCamerasIntact()
    {
        var path = Path.Combine(Path.GetTempPath(), $"camera-upgrade-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<SqliteDashboardDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options;
            await using (var old = new SqliteDashboardDbContext(options))
            {
                await old.GetService<IMigrator>().MigrateAsync(ColumnsPerSetting);
                await InsertOldRowAsync(old, Gate, sortOrder: 1, version: 4);
                await InsertOldRowAsync(old, Pi, sortOrder: 0, version: 1);
            }

            await using var db = new SqliteDashboardDbContext(options);
            await db.Database.MigrateAsync();

            var stored = await db.Cameras.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync();
            Assert.Equal(["pi", "gate"], stored.Select(c => c.Id));
            Assert.Equal(Pi, stored[0].ToDefinition());
            Assert.Equal(Gate, stored[1].ToDefinition());
            Assert.Equal((4L, "olga", new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero)), (stored[1].Version, stored[1].UpdatedBy, stored[1].UpdatedAt));

            // Device controls are still found without case, and a save still checks the version.
            Assert.Equal(8, stored[1].ToDefinition().DeviceProperties["gain"]);
            var gate = await db.Cameras.SingleAsync(c => c.Id == "gate");
            gate.Apply(gate.Definition with { Name = "Gate" });
            gate.Touch("otto", DateTimeOffset.UnixEpoch);
            await db.SaveChangesAsync();
            Assert.Equal(5, (await db.Cameras.AsNoTracking().SingleAsync(c => c.Id == "gate")).Version);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    /// <summary>A camera row as the dashboard wrote it before (one column per setting; JSON for lists and adjustments).</summary>
    private static async Task InsertOldRowAsync(DbContext db, CameraDefinition c, int sortOrder, long version)
    {
        var time = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero))!;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "Cameras" ("Id", "Name", "Kind", "Width", "Height", "Fps", "JpegQuality", "AlwaysOn", "Folder", "Device", "File", "Url",
                "UserName", "Password", "Loop", "Command", "Arguments", "Enabled", "Image", "DeviceProperties", "SortOrder", "CreatedAt", "UpdatedAt",
                "UpdatedBy", "Version")
            VALUES ({c.Id}, {c.Name}, {c.Kind.ToString()}, {c.Width}, {c.Height}, {c.Fps}, {c.JpegQuality}, {c.AlwaysOn}, {c.Folder}, {c.Device}, {c.File}, {c.Url},
                {c.UserName}, {c.Password}, {c.Loop}, {c.Command}, {JsonSerializer.Serialize(c.Arguments)}, {c.Enabled},
                {JsonSerializer.Serialize(c.Image, OldColumnJson)}, {JsonSerializer.Serialize(c.DeviceProperties, OldColumnJson)}, {sortOrder}, {time}, {time},
                {"olga"}, {version})
            """);
    }
}
