namespace Streaming.Imaging;

/// <summary>Quarter turns clockwise.</summary>
public enum Rotation
{
    None = 0,
    Clockwise90 = 90,
    Half = 180,
    Clockwise270 = 270,
}

/// <summary>Where the name-and-time caption goes (or nowhere).</summary>
public enum OverlayPosition
{
    None,
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}

/// <summary>
/// What the server does to every frame of a camera, in this order: brightness and contrast, flips,
/// rotation, caption. The identity (the default) costs nothing: JPEG sources are then passed through.
/// </summary>
public sealed record ImageAdjustments
{
    public const int MinLevel = -100;
    public const int MaxLevel = 100;
    public const double MinOverlayScale = 0.5;
    public const double MaxOverlayScale = 4;

    public static ImageAdjustments None { get; } = new();

    public Rotation Rotation { get; init; }

    public bool FlipHorizontal { get; init; }

    public bool FlipVertical { get; init; }

    /// <summary>-100 (black) .. 0 (unchanged) .. 100 (white).</summary>
    public int Brightness { get; init; }

    /// <summary>-100 (flat grey) .. 0 (unchanged) .. 100 (doubled).</summary>
    public int Contrast { get; init; }

    public OverlayPosition Overlay { get; init; }

    /// <summary>Caption size relative to the frame height (1 = default).</summary>
    public double OverlayScale { get; init; } = 1;

    public bool IsIdentity => this == None;

    /// <summary>What is wrong with these adjustments, worded per setting.</summary>
    public IEnumerable<(string Setting, string Message)> Problems()
    {
        if (!Enum.IsDefined(Rotation))
        {
            yield return (nameof(Rotation), $"Rotation must be 0, 90, 180 or 270 degrees (was {(int)Rotation}).");
        }

        if (Brightness is < MinLevel or > MaxLevel)
        {
            yield return (nameof(Brightness), $"Brightness must be between {MinLevel} and {MaxLevel} (was {Brightness}).");
        }

        if (Contrast is < MinLevel or > MaxLevel)
        {
            yield return (nameof(Contrast), $"Contrast must be between {MinLevel} and {MaxLevel} (was {Contrast}).");
        }

        if (!Enum.IsDefined(Overlay))
        {
            yield return (nameof(Overlay), $"Overlay position '{Overlay}' is not one of {string.Join(", ", Enum.GetNames<OverlayPosition>())}.");
        }

        if (!(OverlayScale >= MinOverlayScale && OverlayScale <= MaxOverlayScale))
        {
            yield return (nameof(OverlayScale), $"Overlay size must be between {MinOverlayScale} and {MaxOverlayScale} (was {OverlayScale}).");
        }
    }
}
