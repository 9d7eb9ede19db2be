using Dashboard.Access;

namespace Dashboard.Data;

/// <summary>A link that lets someone watch one camera without signing in.</summary>
public sealed class ShareLink : IssuedSecret
{
    public required string CameraId { get; set; }

    public long UseCount { get; set; }
}
