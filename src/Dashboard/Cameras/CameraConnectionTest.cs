using System.Collections.Concurrent;
using System.Security.Claims;
using Dashboard.Access;
using Microsoft.AspNetCore.Authorization;
using Streaming.Cameras;
using Streaming.Sources;

namespace Dashboard.Cameras;

/// <summary>What a connection test got: the first frame's JPEG, or why there is none (credentials masked).</summary>
public sealed record CameraTestResult(byte[]? Jpeg, int Width, int Height, string? Error)
{
    public static CameraTestResult Failed(string error) => new(null, 0, 0, error);
}

/// <summary>
/// The camera form's "Test": opens an Http camera with the settings as entered (a masked password stands for
/// the stored one) through the same source the camera will use, and returns its first frame or the error. It
/// makes the server send a request to a URL a user typed, so only operators and admins may run it, one test
/// per user at a time, for at most <see cref="Timeout"/>; the source bounds how much of a response it reads.
/// </summary>
public sealed class CameraConnectionTest(IFrameSourceFactory sources, CameraRegistry cameras, IAuthorizationService authorization, TimeProvider time)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static readonly string[] TestedSettings = [nameof(CameraDefinition.Url), nameof(CameraDefinition.UserName), nameof(CameraDefinition.Password), nameof(CameraDefinition.Fps)];

    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);

    /// <summary>
    /// The largest first frame shown (it goes to the browser inside the page); the source itself takes parts up
    /// to 32 MB. A real camera's JPEG is far smaller.
    /// </summary>
    internal int MaxShownBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Whether this user may run a test.</summary>
    public async Task<bool> MayTestAsync(ClaimsPrincipal user) => (await authorization.AuthorizeAsync(user, DashboardPolicies.Operate)).Succeeded;

    public async Task<CameraTestResult> RunAsync(ClaimsPrincipal user, CameraDefinition camera, bool isNew, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(camera);
        if (!await MayTestAsync(user))
        {
            return CameraTestResult.Failed("Only operators and admins may test a camera.");
        }

        if (camera.Kind != CameraKind.Http)
        {
            return CameraTestResult.Failed("Only Http cameras can be tested before they are saved.");
        }

        camera = CameraCredentials.Restore(camera, isNew ? null : cameras.Find(camera.Id)?.Definition);
        var problems = CameraDefinitionValidator.Validate(camera).Concat(CameraCredentials.Unresolved(camera)).Where(p => TestedSettings.Contains(p.Setting)).ToList();
        if (problems.Count > 0)
        {
            return CameraTestResult.Failed(string.Join(" ", problems.Select(p => p.Message)));
        }

        var key = user.Identity?.Name ?? "";
        if (!_running.TryAdd(key, 0))
        {
            return CameraTestResult.Failed("A test of yours is still running: wait for it to finish.");
        }

        try
        {
            return await FirstFrameAsync(camera, cancellationToken);
        }
        finally
        {
            _running.TryRemove(key, out _);
        }
    }

    private async Task<CameraTestResult> FirstFrameAsync(CameraDefinition camera, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await using var source = sources.Create(camera);
            await source.OpenAsync(linked.Token);
            using var frame = await source.ReadFrameAsync(linked.Token);
            // The result outlives the frame (whose array goes back to the pool): it gets a copy.
            return frame switch
            {
                { IsJpeg: false } => CameraTestResult.Failed("The camera answered a picture that is not a JPEG."),
                { Jpeg.Length: var length } when length > MaxShownBytes => CameraTestResult.Failed(
                    $"The camera sent a {frame.Width}x{frame.Height} frame of {length:N0} bytes, more than the {MaxShownBytes:N0} bytes a test shows."),
                _ => new CameraTestResult(frame.Jpeg.ToArray(), frame.Width, frame.Height, null),
            };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return CameraTestResult.Failed($"No frame from {Redaction.RedactUrl(camera.Url)} within {Timeout.TotalSeconds:0} seconds.");
        }
        catch (Exception e) when (e is FrameSourceException or HttpRequestException or InvalidDataException or IOException)
        {
            return CameraTestResult.Failed(Redaction.RedactText(e.Message, camera)!);
        }
    }
}
