namespace Streaming.Imaging;

/// <summary>
/// The JPEG marker bytes the stream code walks (ITU T.81, table B.1). Every marker is <see cref="Prefix"/> followed
/// by its code, so a JPEG starts FF D8 and its first segment's marker follows with FF again.
/// </summary>
internal static class JpegMarkers
{
    /// <summary>The byte every marker starts with; a run of them before a marker is fill.</summary>
    public const byte Prefix = 0xFF;

    /// <summary>SOI: the first marker of every JPEG.</summary>
    public const byte StartOfImage = 0xD8;

    /// <summary>EOI: the image's last two bytes are FF D9.</summary>
    public const byte EndOfImage = 0xD9;

    /// <summary>SOS: its segment header is followed by entropy-coded data, where FF is only a marker when not stuffed.</summary>
    public const byte StartOfScan = 0xDA;

    /// <summary>Whether <paramref name="bytes"/> start as a JPEG does: SOI, then the prefix of the next marker.</summary>
    public static bool StartsImage(ReadOnlySpan<byte> bytes) => bytes is [Prefix, StartOfImage, Prefix, ..];
}
