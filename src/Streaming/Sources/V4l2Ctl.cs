using System.Diagnostics;

namespace Streaming.Sources;

/// <summary>Runs v4l-utils' <c>v4l2-ctl</c> for what OpenCV cannot tell about a device (its sizes and rates, its controls' ranges).</summary>
internal static class V4l2Ctl
{
    /// <summary>
    /// The output of <c>v4l2-ctl -d /dev/video<paramref name="device"/> <paramref name="listing"/></c>; null when
    /// v4l2-ctl is not installed or fails.
    /// </summary>
    public static async Task<string?> ListAsync(int device, string listing, CancellationToken cancellationToken)
    {
        if (Cameras.CameraDefinitionValidator.ResolveProgram("v4l2-ctl") is not { } program)
        {
            return null;
        }

        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-d");
        start.ArgumentList.Add($"/dev/video{device}");
        start.ArgumentList.Add(listing);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0 ? output : null;
    }
}
