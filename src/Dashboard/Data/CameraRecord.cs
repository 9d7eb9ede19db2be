using Streaming.Cameras;

namespace Dashboard.Data;

/// <summary>
/// A camera as stored in the database: its whole <see cref="CameraDefinition"/> as one JSON value, so a new
/// setting needs no column and no migration, plus what only storage knows (order, who and when, version).
/// </summary>
public sealed class CameraRecord
{
    public required string Id { get; set; }

    /// <summary>Every setting of the camera (its <see cref="CameraDefinition.Id"/> is this record's <see cref="Id"/>).</summary>
    public CameraDefinition Definition { get; set; } = null!;

    /// <summary>Position in the grid and in lists.</summary>
    public int SortOrder { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who saved the camera last (a user name, or "configuration").</summary>
    public string? UpdatedBy { get; set; }

    /// <summary>Raised by every change; a concurrency token, so two saves from the same version cannot both win.</summary>
    public long Version { get; set; }

    /// <summary>A new record, created now (<see cref="Touch"/> sets who saved it).</summary>
    public static CameraRecord From(CameraDefinition camera, int sortOrder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return new CameraRecord { Id = camera.Id, Definition = camera, SortOrder = sortOrder, CreatedAt = now, UpdatedAt = now };
    }

    public void Apply(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        Definition = camera with { Id = Id };
    }

    /// <summary>Marks a change: a new version, when and by whom.</summary>
    public void Touch(string by, DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public CameraDefinition ToDefinition() => Definition with { Id = Id };
}
