using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using OpenCvSharp;

namespace Streaming.Imaging;

/// <summary>
/// Whether OpenCV's native library (<c>libOpenCvSharpExtern.so</c>) loads in this process, found out once on
/// first need, so an app without it (a Raspberry Pi build without the runtime package) never loads it at start
/// and never retries it per frame. Static because it is a fact about the process, needed by static helpers
/// (placeholder cards, previews) as much as by the source factory.
/// </summary>
public static partial class OpenCvRuntime
{
    internal const string LibraryFile = "libOpenCvSharpExtern.so";

    private static readonly Lazy<OpenCvAvailability> Probe = new(Detect);

    /// <summary>The result of the one probe (runs it on first use).</summary>
    public static OpenCvAvailability Current => Probe.Value;

    public static bool IsAvailable => Current.IsAvailable;

    private static OpenCvAvailability Detect()
    {
        try
        {
            _ = Cv2.GetVersionString();
            return OpenCvAvailability.Available;
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            var loader = (ex.InnerException ?? ex).Message;
            return new OpenCvAvailability(false, Describe(RuntimeInformation.RuntimeIdentifier, LibraryIsPresent(), loader), ex);
        }
    }

    /// <summary>The one sentence a camera that needs OpenCV shows when it is missing: what, for which platform, what to install.</summary>
    internal static string Describe(string runtime, bool libraryPresent, string loaderMessage)
    {
        if (libraryPresent)
        {
            var dependency = MissingDependency().Match(loaderMessage);
            var needs = dependency.Success ? $"it needs {dependency.Groups["library"].Value}, which is not installed" : "it does not load";
            return $"OpenCV is not available: its native library {LibraryFile} for {runtime} is there but {needs}; install libgtk-3-0 (apt-get install libgtk-3-0).";
        }

        var package = runtime switch
        {
            "linux-x64" => "the package OpenCvSharp4.official.runtime.linux-x64 (the default for linux-x64)",
            "linux-arm64" => "the package OpenCvSharp4.runtime.linux-arm64 (scripts/publish-pi.sh adds it when the package source serves it)",
            _ => $"an OpenCvSharp4 runtime package for {runtime}",
        };
        return $"OpenCV is not available: this build has no native library {LibraryFile} for {runtime} ({RuntimeInformation.OSDescription}); "
            + $"publish it with {package}, or use an ImageSequence, Command or V4L2 device camera, which need no OpenCV.";
    }

    private static bool LibraryIsPresent()
    {
        var root = AppContext.BaseDirectory;
        return File.Exists(Path.Combine(root, LibraryFile))
            || File.Exists(Path.Combine(root, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", LibraryFile));
    }

    [GeneratedRegex(@"(?<library>[\w.+-]+\.so[.\d]*): cannot open shared object file")]
    private static partial Regex MissingDependency();
}

/// <summary>Whether OpenCV loads; when it does not, the sentence to show and the loader's exception (logged once).</summary>
public sealed record OpenCvAvailability(bool IsAvailable, string? Problem, Exception? Failure)
{
    public static OpenCvAvailability Available { get; } = new(true, null, null);
}
