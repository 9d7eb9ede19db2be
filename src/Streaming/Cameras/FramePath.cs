using Streaming.Imaging;

namespace Streaming.Cameras;

/// <summary>What the server does to a camera's frames on their way to the viewers.</summary>
public enum FramePathKind
{
    /// <summary>Nothing captured yet in this run.</summary>
    None,

    /// <summary>The source's JPEG goes to every viewer byte for byte; nothing is decoded.</summary>
    PassedThrough,

    /// <summary>Viewers get the source's JPEG untouched; it is decoded (at reduced size) only to make the tiles' preview.</summary>
    DecodedForPreview,

    /// <summary>The source sends JPEG, but an image adjustment needs pixels: decoded, adjusted, encoded once for everyone.</summary>
    Reencoded,

    /// <summary>The source delivers pictures, not JPEG (a drawn test pattern, an H.264 stream): encoded once for everyone.</summary>
    Encoded,
}

/// <summary>The path the latest frame took, and why, in words for the camera page and the API.</summary>
public sealed record FramePath(FramePathKind Kind, string Description)
{
    public static FramePath None { get; } = new(FramePathKind.None, "no frame yet");

    public static FramePath PassedThrough { get; } = new(FramePathKind.PassedThrough, "passed through");

    public static FramePath DecodedForPreview { get; } = new(FramePathKind.DecodedForPreview, "passed through; decoded for the preview only");

    public static FramePath Reencoded(ImageAdjustments adjustments)
    {
        ArgumentNullException.ThrowIfNull(adjustments);
        return new(FramePathKind.Reencoded, $"decoded and re-encoded: {Describe(adjustments)} {(Count(adjustments) == 1 ? "is" : "are")} on");
    }

    public static FramePath Encoded(string? sourceFormat) =>
        new(FramePathKind.Encoded, sourceFormat is { Length: > 0 } format
            ? $"decoded and encoded: the source sends {format}, not JPEG"
            : "encoded: the source delivers pictures, not JPEG");

    private static int Count(ImageAdjustments a) => Names(a).Count();

    private static string Describe(ImageAdjustments a) => string.Join(" and ", Names(a));

    private static IEnumerable<string> Names(ImageAdjustments a)
    {
        if (a.Rotation != Rotation.None)
        {
            yield return "rotation";
        }

        if (a.FlipHorizontal || a.FlipVertical)
        {
            yield return "flip";
        }

        if (a.Brightness != 0 || a.Contrast != 0)
        {
            yield return "brightness/contrast";
        }

        if (a.Overlay != OverlayPosition.None)
        {
            yield return "the caption";
        }
    }
}
