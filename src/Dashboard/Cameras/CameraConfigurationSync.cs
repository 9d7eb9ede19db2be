using System.Text.Json;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Streaming.Cameras;

namespace Dashboard.Cameras;

/// <summary>
/// Brings cameras from the configuration file into the database, which is where the dashboard keeps
/// them. On the very first run the configured cameras (or, with none configured, the demo cameras) are
/// stored. On later runs only cameras whose id the file has never named before are added, so cameras
/// changed or removed in the dashboard stay that way; the exception is a Command camera's program and
/// arguments, which always come from the file when the file defines that camera (the dashboard may edit
/// them only when <c>Cameras:AllowCommandSourcesFromUi</c> is on). Cameras whose settings in the file do
/// not parse are not stored; they show as Failed until the file is fixed. Ids are compared without case: a
/// repeated id, or one that differs only in case from a stored camera's, is ignored with a warning naming both.
/// </summary>
internal sealed partial class CameraConfigurationSync(IConfiguration configuration, TimeProvider time, ILogger<CameraConfigurationSync> logger) : IDatabaseSeeder
{
    private const string SeededIdsKey = "seeded-config-camera-ids";

    public int Order => 10;

    public async Task SeedAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var firstRun = !await db.AppSettings.AnyAsync(s => s.Key == AppSetting.CamerasSeeded, cancellationToken);
        var seeded = await ReadSeededIdsAsync(db, cancellationToken);
        var stored = await db.Cameras.ToDictionaryAsync(c => c.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var configured = Distinct(CameraConfigurationReader.Read(configuration))
            .Where(c => c.IsValid && !DiffersInCaseOnly(c.Definition.Id, stored))
            .Select(c => c.Definition)
            .ToList();
        var nextOrder = stored.Count == 0 ? 0 : stored.Values.Max(c => c.SortOrder) + 1;

        var toAdd = firstRun && configured.Count == 0 ? DemoCameras.Create() : configured.Where(c => !seeded.Contains(c.Id)).ToList();
        foreach (var camera in toAdd.Where(c => !stored.ContainsKey(c.Id)))
        {
            db.Cameras.Add(CameraRecord.From(camera, nextOrder++, time.GetUtcNow()));
            LogAdded(logger, camera.Id);
        }

        foreach (var camera in configured.Where(c => c.Kind == CameraKind.Command))
        {
            if (stored.TryGetValue(camera.Id, out var record)
                && record.Definition is var before
                && (before.Command != camera.Command || !before.Arguments.SequenceEqual(camera.Arguments)))
            {
                record.Apply(before with { Kind = CameraKind.Command, Command = camera.Command, Arguments = camera.Arguments });
                record.Touch("configuration", time.GetUtcNow());
            }
        }

        seeded.UnionWith(configured.Select(c => c.Id));
        await WriteAsync(db, SeededIdsKey, JsonSerializer.Serialize(seeded.Order(StringComparer.OrdinalIgnoreCase)), cancellationToken);
        if (firstRun)
        {
            await WriteAsync(db, AppSetting.CamerasSeeded, time.GetUtcNow().ToString("O"), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The configured cameras without repeated ids (the first one counts).</summary>
    private IEnumerable<ConfiguredCamera> Distinct(IReadOnlyList<ConfiguredCamera> cameras)
    {
        var first = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < cameras.Count; i++)
        {
            var id = cameras[i].Definition.Id;
            if (first.TryGetValue(id, out var earlier))
            {
                LogRepeatedId(logger, i, id, earlier, cameras[earlier].Definition.Id);
                continue;
            }

            first[id] = i;
            yield return cameras[i];
        }
    }

    private bool DiffersInCaseOnly(string id, Dictionary<string, CameraRecord> stored)
    {
        if (stored.TryGetValue(id, out var record) && !string.Equals(record.Id, id, StringComparison.Ordinal))
        {
            LogCaseDiffers(logger, id, record.Id);
            return true;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cameras:{Index} has the id '{CameraId}', which Cameras:{FirstIndex} already uses ('{FirstId}'; ids are compared without case): Cameras:{Index} is ignored.")]
    private static partial void LogRepeatedId(ILogger logger, int index, string cameraId, int firstIndex, string firstId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The configured camera '{CameraId}' differs only in case from the stored camera '{StoredId}' (ids are compared without case): it is ignored. Use the stored id '{StoredId}' in the configuration.")]
    private static partial void LogCaseDiffers(ILogger logger, string cameraId, string storedId);

    private static async Task<HashSet<string>> ReadSeededIdsAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        var json = await db.AppSettings.Where(s => s.Key == SeededIdsKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        return new HashSet<string>(json is null ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [], StringComparer.OrdinalIgnoreCase);
    }

    private static async Task WriteAsync(DashboardDbContext db, string key, string value, CancellationToken cancellationToken)
    {
        var setting = await db.AppSettings.FindAsync([key], cancellationToken);
        if (setting is null)
        {
            db.AppSettings.Add(new AppSetting { Key = key, Value = value });
        }
        else
        {
            setting.Value = value;
        }
    }

    private static void LogAdded(ILogger logger, string id) =>
#pragma warning disable CA1848 // Once per camera and installation.
        logger.LogInformation("Stored camera {CameraId} from the configuration.", id);
#pragma warning restore CA1848
}
