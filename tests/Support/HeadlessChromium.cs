namespace Tests.Support;

/// <summary>How the tests and the benchmarks start Debian's Chromium (never a downloaded browser).</summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// Chromium's options for a run on loopback as root: no sandbox, no GPU, no background traffic. Without the two
    /// disabled features every new window (each browser context) also builds the omnibox's WebUI popups in a renderer
    /// of their own, about 0.8 s of CPU each that a headless page never shows (a tenth of the suite's browser time).
    /// </summary>
    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup",
    ];
}
