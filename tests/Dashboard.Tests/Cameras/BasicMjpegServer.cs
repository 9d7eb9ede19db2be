using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using Streaming.Imaging;

namespace Dashboard.Tests.Cameras;

/// <summary>
/// A camera on loopback (real Kestrel) that demands HTTP Basic: <c>/cam.mjpg</c> streams one JPEG over and over,
/// <c>/login.html</c> answers an HTML page (what many cameras show instead of a picture), <c>/stall.mjpg</c>
/// starts a stream and never sends a part.
/// </summary>
public sealed class BasicMjpegServer : IAsyncLifetime
{
    public const string UserName = "camadmin";
    public const string Password = "Cam-Secret-4711";
    private const string Boundary = "frame";

    private WebApplication? _app;
    private int _stalled;

    /// <summary>The JPEG every part carries (320x240).</summary>
    public byte[] Frame { get; } = MakeFrame();

    public Uri Address { get; private set; } = null!;

    public Uri Stream => new(Address, "cam.mjpg");

    public Uri LoginPage => new(Address, "login.html");

    public Uri Stall => new(Address, "stall.mjpg");

    /// <summary>How many clients wait on <see cref="Stall"/> now.</summary>
    public int Stalled => Volatile.Read(ref _stalled);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/cam.mjpg", StreamAsync);
        _app.MapGet("/stall.mjpg", StallAsync);
        _app.MapGet("/login.html", () => Results.Content("<!DOCTYPE html><html><body><form>Log in</form></body></html>", "text/html"));
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task StreamAsync(HttpContext context)
    {
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{Password}"));
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var given) || given.Scheme != "Basic" || given.Parameter != expected)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"camera\"";
            return;
        }

        context.Response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        var header = Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Type: image/jpeg\r\nContent-Length: {Frame.Length}\r\n\r\n");
        try
        {
            // Paced like a 10 fps camera until the client goes.
            using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            do
            {
                await context.Response.Body.WriteAsync(header, context.RequestAborted);
                await context.Response.Body.WriteAsync(Frame, context.RequestAborted);
                await context.Response.Body.WriteAsync("\r\n"u8.ToArray(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
            while (await pace.WaitForNextTickAsync(context.RequestAborted));
        }
        catch (OperationCanceledException)
        {
            // The client went.
        }
    }

    private async Task StallAsync(HttpContext context)
    {
        context.Response.ContentType = $"multipart/x-mixed-replace; boundary={Boundary}";
        await context.Response.Body.FlushAsync(context.RequestAborted);
        Interlocked.Increment(ref _stalled);
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up.
        }
        finally
        {
            Interlocked.Decrement(ref _stalled);
        }
    }

    private static byte[] MakeFrame()
    {
        using var image = new Mat(240, 320, MatType.CV_8UC3, new Scalar(30, 140, 220));
        Cv2.PutText(image, "cam", new Point(100, 130), HersheyFonts.HersheySimplex, 1.5, Scalar.White, 3);
        return JpegEncoder.Encode(image, 80);
    }
}
