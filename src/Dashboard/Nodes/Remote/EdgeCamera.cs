using System.Text.Json.Serialization;

namespace Dashboard.Nodes.Remote;

/// <summary>
/// What the hub reads of an edge's <c>/api/cameras</c> (the rest of each entry is ignored). <see cref="Remote"/> is set
/// for a camera the edge itself relays from a dashboard it links: not the edge's own, so not taken.
/// </summary>
internal sealed record EdgeCamera(string Id, string Name, string State, EdgeCameraSettings Settings, EdgeCameraRemote? Remote = null);

internal sealed record EdgeCameraRemote(string Dashboard, string Camera);

internal sealed record EdgeCameraSettings(int Width, int Height, double Fps);

[JsonSerializable(typeof(List<EdgeCamera>))]
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
internal sealed partial class EdgeCameraJson : JsonSerializerContext;
