using System.Text.Json;

namespace StreamingBench;

/// <summary>
/// A temporary content root for the server: the bench's own appsettings.json (one camera "bench",
/// short idle timeout, quiet logging) and the frame folder of the ImageSequence camera.
/// </summary>
internal sealed class ServerContentRoot : IDisposable
{
    public const string CameraId = "bench";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(2);

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    private ServerContentRoot(string path)
    {
        Path = path;
        FramesFolder = System.IO.Path.Combine(path, "frames");
        Directory.CreateDirectory(FramesFolder);
    }

    public string Path { get; }

    public string FramesFolder { get; }

    /// <summary>The admin the bench's server creates on its first start; every client signs in with HTTP Basic as it.</summary>
    public const string BenchUser = "bench";

    public static string BenchPassword { get; } = $"Bench-{Guid.NewGuid():N}";

    public static ServerContentRoot Create() =>
        new(Directory.CreateTempSubdirectory("streaming-bench-").FullName);

    /// <summary>Writes appsettings.json with these cameras (the first is the default) and the bench's admin.</summary>
    public void WriteCameras(IReadOnlyList<object> cameras, string defaultCamera)
    {
        var settings = new
        {
            Logging = new { LogLevel = new { Default = "Warning" } },
            AllowedHosts = "*",
            Streaming = new { DefaultCamera = defaultCamera, IdleTimeout = IdleTimeout.ToString("c"), ReconnectMaxDelay = "00:00:01" },
            Cameras = cameras,
            Dashboard = new { DataDirectory = System.IO.Path.Combine(Path, "data") },
            Auth = new { AdminUser = BenchUser, AdminPassword = BenchPassword },
        };
        File.WriteAllText(System.IO.Path.Combine(Path, "appsettings.json"), JsonSerializer.Serialize(settings, JsonOptions));
    }

    /// <summary>Writes appsettings.json for the chosen camera kind.</summary>
    public void WriteSettings(BenchOptions options, int jpegQuality)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cameraKind = options.CameraKind;
        object camera = cameraKind == BenchOptions.TestPattern
            ? new
            {
                Id = CameraId,
                Kind = cameraKind,
                options.Width,
                options.Height,
                options.Fps,
                JpegQuality = jpegQuality,
            }
            : new { Id = CameraId, Kind = cameraKind, Folder = FramesFolder, options.Fps };
        var settings = new
        {
            Logging = new { LogLevel = new { Default = "Warning" } },
            AllowedHosts = "*",
            Streaming = new { DefaultCamera = CameraId, IdleTimeout = IdleTimeout.ToString("c") },
            Cameras = new[] { camera },
            Dashboard = new { DataDirectory = System.IO.Path.Combine(Path, "data") },
            Auth = new { AdminUser = BenchUser, AdminPassword = BenchPassword },
        };
        File.WriteAllText(System.IO.Path.Combine(Path, "appsettings.json"), JsonSerializer.Serialize(settings, JsonOptions));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
