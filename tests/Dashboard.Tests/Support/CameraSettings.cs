using System.Globalization;
using Streaming.Cameras;

namespace Dashboard.Tests.Support;

/// <summary>Writes a camera as the configuration keys of one <c>Cameras</c> array entry.</summary>
internal static class CameraSettings
{
    public static IEnumerable<(string Key, string? Value)> ToConfiguration(CameraDefinition camera)
    {
        yield return ("Id", camera.Id);
        yield return ("Name", camera.Name);
        yield return ("Kind", camera.Kind.ToString());
        yield return ("Width", camera.Width.ToString(CultureInfo.InvariantCulture));
        yield return ("Height", camera.Height.ToString(CultureInfo.InvariantCulture));
        yield return ("Fps", camera.Fps.ToString(CultureInfo.InvariantCulture));
        yield return ("JpegQuality", camera.JpegQuality.ToString(CultureInfo.InvariantCulture));
        yield return ("AlwaysOn", camera.AlwaysOn.ToString());
        yield return ("Folder", camera.Folder);
        yield return ("Url", camera.Url);
        yield return ("Command", camera.Command);
        yield return ("Node", camera.Node);
        for (var i = 0; i < camera.Arguments.Count; i++)
        {
            yield return ($"Arguments:{i}", camera.Arguments[i]);
        }
    }
}
