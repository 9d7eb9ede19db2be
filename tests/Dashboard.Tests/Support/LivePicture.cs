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
}
