using Microsoft.Playwright;

namespace Dashboard.Tests.Support;

/// <summary>
/// Whether an <c>&lt;img&gt;</c> shows a live picture, whatever feeds it (an MJPEG stream or tile frames): the pixels
/// it paints, drawn small onto a canvas, change. Test-pattern cameras change every frame.
/// </summary>
internal static class LivePicture
{
    private const string Fingerprint = """
        img => {
            if (!img.naturalWidth) return null;
            const canvas = document.createElement("canvas");
            canvas.width = 64;
            canvas.height = 48;
            const context = canvas.getContext("2d");
            context.drawImage(img, 0, 0, canvas.width, canvas.height);
            let hash = 0;
            for (const value of context.getImageData(0, 0, canvas.width, canvas.height).data) hash = (hash * 31 + value) | 0;
            return String(hash);
        }
        """;

    public static async Task WaitUntilItChangesAsync(ILocator image)
    {
        ArgumentNullException.ThrowIfNull(image);
        await image.WaitForAsync(new LocatorWaitForOptions { Timeout = 20_000 });
        string? first = null;
        await Eventually.HoldsAsync(async () => (first = await image.EvaluateAsync<string?>(Fingerprint)) is not null, "the picture shows a first frame", TimeSpan.FromSeconds(15));
        await Eventually.HoldsAsync(async () => await image.EvaluateAsync<string?>(Fingerprint) is { } now && now != first, "the picture changes", TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Where on the page the picture itself is once the first frame is in: object-fit: contain scales it to fit its
    /// box and centres it, so a picture of another aspect ratio than its box is letterboxed or pillarboxed.
    /// </summary>
    public static async Task<PicturePlacement> PlacementAsync(ILocator image)
    {
        ArgumentNullException.ThrowIfNull(image);
        double[]? r = null;
        await Eventually.HoldsAsync(
            async () => (r = await image.EvaluateAsync<double[]?>(
                """
                i => {
                    if (!i.naturalWidth) return null;
                    const b = i.getBoundingClientRect();
                    const s = Math.min(b.width / i.naturalWidth, b.height / i.naturalHeight);
                    const [w, h] = [i.naturalWidth * s, i.naturalHeight * s];
                    return [b.left + (b.width - w) / 2, b.top + (b.height - h) / 2, w, h, b.width, b.height];
                }
                """)) is not null,
            "the picture shows a first frame",
            TimeSpan.FromSeconds(15));
        return new PicturePlacement(r![0], r[1], r[2], r[3], r[4], r[5]);
    }
}

/// <summary>The picture's rectangle on the page and the size of the box it is shown in (CSS pixels).</summary>
internal sealed record PicturePlacement(double X, double Y, double Width, double Height, double BoxWidth, double BoxHeight)
{
    /// <summary>Whether <paramref name="box"/> (an overlay's bounding box) lies on the picture, to within a pixel and a half.</summary>
    public bool Covers(LocatorBoundingBoxResult box) =>
        Math.Abs(box.X - X) < 1.5 && Math.Abs(box.Y - Y) < 1.5 && Math.Abs(box.Width - Width) < 1.5 && Math.Abs(box.Height - Height) < 1.5;
}
