using System.Diagnostics;

namespace Tests.Shared;

/// <summary>Third-party programs the tests make their material with (ffmpeg, ffprobe).</summary>
internal static class Programs
{
    /// <summary>Runs <paramref name="program"/> to its end (a minute at most) and returns its output; a failure fails the test with its errors.</summary>
    public static async Task<string> RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(process.ExitCode == 0, $"{program} failed: {await errors}");
        return await output;
    }
}
