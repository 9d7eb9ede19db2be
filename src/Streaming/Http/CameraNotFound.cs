using Microsoft.AspNetCore.Http;

namespace Streaming.Http;

internal static class CameraNotFound
{
    private const int MaxEcho = 64;

    public static IResult For(string? id)
    {
        var shown = id is null ? "" : id.Length > MaxEcho ? id[..MaxEcho] + "…" : id;
        return Results.Text($"Unknown camera '{shown}'.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }

    public static IResult NoCameras() =>
        Results.Text("No camera is configured.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    public static IResult BadRequest(string message) =>
        Results.Text(message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
}
