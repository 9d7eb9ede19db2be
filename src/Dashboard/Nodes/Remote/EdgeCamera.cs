using System.Text.Json.Serialization;

namespace Dashboard.Nodes.Remote;

/// <summary>What the hub reads of an edge's <c>/api/cameras</c> (the rest of each entry is ignored).</summary>
internal sealed record EdgeCamera(string Id, string Name, string State, EdgeCameraSettings Settings);

internal sealed record EdgeCameraSettings(int Width, int Height, double Fps);

[JsonSerializable(typeof(List<EdgeCamera>))]
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
internal sealed partial class EdgeCameraJson : JsonSerializerContext;
