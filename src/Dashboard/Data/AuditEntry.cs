namespace Dashboard.Data;

/// <summary>One change to a camera: who made it, when, and what changed (shown on the camera page).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public required string CameraId { get; set; }

    public DateTimeOffset At { get; set; }

    public required string UserName { get; set; }

    /// <summary>What kind of change: added, changed, removed, started, stopped.</summary>
    public required string Action { get; set; }

    /// <summary>The settings that changed, "old -> new", in words.</summary>
    public string Details { get; set; } = "";
}
