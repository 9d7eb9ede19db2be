using Dashboard.Data;
using Microsoft.EntityFrameworkCore;
using Streaming.Cameras;

namespace Dashboard.Cameras;

/// <summary>
/// On the very first run, stores the configured cameras (or the demo cameras when none are configured).
/// Later runs keep whatever the database holds, even no cameras at all.
/// </summary>
internal sealed class CameraSeeder(ConfigurationCameraCatalog configured) : IDatabaseSeeder
{
    public int Order => 10;

    public async Task SeedAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        if (await db.AppSettings.AnyAsync(s => s.Key == AppSetting.CamerasSeeded, cancellationToken))
        {
            return;
        }

        if (!await db.Cameras.AnyAsync(cancellationToken))
        {
            var order = 0;
            foreach (var camera in configured.Load())
            {
                db.Cameras.Add(CameraRecord.From(camera.Definition, order++));
            }
        }

        db.AppSettings.Add(new AppSetting { Key = AppSetting.CamerasSeeded, Value = DateTimeOffset.UtcNow.ToString("O") });
        await db.SaveChangesAsync(cancellationToken);
    }
}
