using Microsoft.AspNetCore.Components;
using Streaming.Cameras;

namespace Dashboard.Tiles.Components;

/// <summary>One camera switched on or off in the <see cref="CameraPicker"/>.</summary>
public sealed record CameraShown(string CameraId, bool Shown);

/// <summary>Chooses the cameras the grid shows. The grid owns the choice; this only reports clicks.</summary>
public sealed partial class CameraPicker : ComponentBase
{
    [Parameter, EditorRequired]
    public IReadOnlyList<Camera> Cameras { get; set; } = [];

    [Parameter, EditorRequired]
    public GridPreference Preference { get; set; } = GridPreference.Default;

    [Parameter]
    public EventCallback<CameraShown> OnCameraShown { get; set; }

    [Parameter]
    public EventCallback OnShowAll { get; set; }
}
