namespace Streaming.Cameras;

/// <summary>A camera as read from configuration or storage, with whatever is wrong with its settings.</summary>
public sealed record ConfiguredCamera(CameraDefinition Definition, IReadOnlyList<SettingProblem> Problems)
{
    public ConfiguredCamera(CameraDefinition definition)
        : this(definition, CameraDefinitionValidator.Validate(definition))
    {
    }

    public bool IsValid => Problems.Count == 0;

    /// <summary>The problems as one sentence that names the camera, for logs and the camera's state.</summary>
    public string? Error => IsValid ? null : $"Camera '{Definition.Id}': {string.Join(" ", Problems.Select(p => p.Message))}";
}
