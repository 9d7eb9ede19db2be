using System.Globalization;
using Streaming.Cameras;

namespace Streaming.Sources;

/// <summary>
/// A V4L2 webcam read through ffmpeg's v4l2 input instead of OpenCV (used when OpenCV's native library is missing):
/// the camera's own MJPEG is passed through (<c>-c copy</c>), with the camera's device, size and rate, by the same
/// <see cref="CommandSource"/> that runs Command cameras, so states and errors are the same too.
/// </summary>
public static class FfmpegDeviceCapture
{
    public const string Program = "ffmpeg";

    /// <summary>ffmpeg's input arguments for the camera's device: MJPEG at the camera's size and rate.</summary>
    public static IReadOnlyList<string> DeviceInput(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return
        [
            "-f", "v4l2", "-input_format", "mjpeg",
            "-video_size", string.Create(CultureInfo.InvariantCulture, $"{camera.Width}x{camera.Height}"),
            "-framerate", camera.Fps.ToString(CultureInfo.InvariantCulture),
            "-i", $"/dev/video{camera.Device}",
        ];
    }

    /// <summary>The full ffmpeg command line: the given input, its MJPEG copied to stdout.</summary>
    public static IReadOnlyList<string> Arguments(IReadOnlyList<string> input) =>
        ["-hide_banner", "-loglevel", "error", "-nostdin", .. input, "-c", "copy", "-f", "mjpeg", "-"];

    /// <summary>The source for a device camera (<paramref name="input"/>: <see cref="DeviceInput"/>; tests give a file instead).</summary>
    public static CommandSource Create(CameraDefinition camera, IReadOnlyList<string> input, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return new CommandSource(camera with { Kind = CameraKind.Command, Command = Program, Arguments = [.. Arguments(input)] }, time);
    }
}
