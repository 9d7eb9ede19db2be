using Dashboard.Data;
using Dashboard.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Streaming;
using Streaming.Cameras;

namespace Dashboard.Cameras;

/// <summary>
/// The cameras stored in the database, plus cameras in the configuration file whose settings do not
/// parse (so they show as Failed with the reason), with the seed's environment overrides applied to the
/// default camera. A camera another node captures is placed for this node (<see cref="CameraPlacement"/>).
/// </summary>
internal sealed class DatabaseCameraCatalog(
    DatabaseInitializer database,
    IDbContextFactory<DashboardDbContext> contexts,
    IConfiguration configuration,
    IOptions<StreamingOptions> streaming,
    CameraPlacement placement) : ICameraCatalog
{
    public async Task<IReadOnlyList<ConfiguredCamera>> LoadAsync(CancellationToken cancellationToken)
    {
        await database.EnsureInitializedAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.Cameras.AsNoTracking().OrderBy(c => c.SortOrder).ToListAsync(cancellationToken);
        var cameras = new List<ConfiguredCamera>(records.Count);
        foreach (var record in records)
        {
            cameras.Add(await placement.PlaceAsync(record.ToDefinition(), cancellationToken));
        }

        var known = cameras.Select(c => c.Definition.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        cameras.AddRange(CameraConfigurationReader.Read(configuration).Where(c => !c.IsValid && known.Add(c.Definition.Id)));
        var defaultId = streaming.Value.DefaultCamera;
        var index = cameras.FindIndex(c => string.Equals(c.Definition.Id, defaultId, StringComparison.OrdinalIgnoreCase));
        if (cameras.Count > 0)
        {
            index = Math.Max(0, index);
            cameras[index] = DefaultCameraOverrides.Apply(cameras[index], configuration);
        }

        return cameras;
    }
}
