using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Streaming.Motion;

namespace Dashboard.Motion;

/// <summary>
/// The JSON a webhook gets on an event's start and end, and its signature: <c>X-Motion-Signature: sha256=</c> and
/// the lowercase hex HMAC-SHA256 of the exact body bytes with the webhook's secret (as GitHub signs its webhooks).
/// </summary>
internal sealed record WebhookPayload(
    string Type,
    Guid EventId,
    string Camera,
    string CameraName,
    DateTimeOffset Start,
    DateTimeOffset? End,
    double PeakScore,
    Uri? SnapshotUrl,
    Uri? ClipUrl,
    DateTimeOffset SentAt)
{
    public const string SignatureHeader = "X-Motion-Signature";
    public const string EventHeader = "X-Motion-Event";
    public const string DeliveryHeader = "X-Motion-Delivery";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static WebhookPayload For(MotionNotice notice, string cameraName, Uri? publicUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var e = notice.Event;
        return new WebhookPayload(
            notice.Kind == MotionNoticeKind.Started ? "motion.start" : "motion.end",
            e.Id,
            e.CameraId,
            cameraName,
            e.Start,
            e.End,
            e.PeakScore,
            e.ThumbnailFile is null ? null : MotionLinks.Absolute(publicUrl, MotionLinks.Snapshot(e)),
            e.ClipFile is null ? null : MotionLinks.Absolute(publicUrl, MotionLinks.Clip(e)),
            now);
    }

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Checks a signature in constant time (what a receiver does; the tests use it too).</summary>
    public static bool Verify(byte[] body, string secret, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(body, secret)), Encoding.ASCII.GetBytes(signature));
}
