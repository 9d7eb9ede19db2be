namespace Streaming.Cameras;

/// <summary>
/// The cameras used when none are configured, so a fresh install shows something live without
/// hardware: test patterns, the seed's emulated camera, and an ffmpeg pipeline when ffmpeg is installed.
/// </summary>
public static class DemoCameras
{
    public static IReadOnlyList<CameraDefinition> Create()
    {
        List<CameraDefinition> cameras =
        [
            new() { Id = "front-door", Name = "Front door", Width = 1280, Height = 720, Fps = 15 },
            new() { Id = "garden", Name = "Garden", Width = 960, Height = 540, Fps = 10 },
            new() { Id = "garage", Name = "Garage", Width = 640, Height = 480, Fps = 10 },
            new() { Id = "emulated", Name = "Emulated camera", Kind = CameraKind.ImageSequence, Fps = 1 },
        ];
        if (CameraDefinitionValidator.ResolveProgram("ffmpeg") is not null)
        {
            cameras.Add(new()
            {
                Id = "ffmpeg-test",
                Name = "FFmpeg test source",
                Kind = CameraKind.Command,
                Width = 640,
                Height = 360,
                Fps = 10,
                Command = "ffmpeg",
                Arguments = ["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=10", "-f", "mjpeg", "-q:v", "5", "-"],
            });
        }

        return cameras;
    }
}
