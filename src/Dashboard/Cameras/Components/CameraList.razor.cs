using Microsoft.AspNetCore.Components;
using Streaming.Cameras;

namespace Dashboard.Cameras.Components;

public sealed partial class CameraList : IDisposable
{
    private IReadOnlyList<Camera> _cameras = [];
    private CameraRefresh? _refresh;

    [Inject]
    private CameraRegistry Registry { get; set; } = default!;

    [Inject]
    private CameraManagement Management { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override void OnInitialized() => _cameras = Registry.Cameras;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // States also change on their own (reconnecting, idle): refresh them every few seconds.
            _refresh = new CameraRefresh(Registry, Time, TimeSpan.FromSeconds(2), () => InvokeAsync(() =>
            {
                _cameras = Registry.Cameras;
                StateHasChanged();
            }));
        }
    }

    public void Dispose() => _refresh?.Dispose();

    internal static string SourceOf(CameraDefinition camera) => camera.Kind switch
    {
        CameraKind.TestPattern => "generated",
        CameraKind.ImageSequence => camera.Folder ?? "bundled samples",
        CameraKind.OpenCv when camera.Device is { } device => $"/dev/video{device}",
        CameraKind.OpenCv when !string.IsNullOrWhiteSpace(camera.File) => camera.File!,
        CameraKind.OpenCv or CameraKind.Http => Redaction.RedactUrl(camera.Url) ?? "",
        CameraKind.Command => camera.Command ?? "",
        _ => "",
    };

    private async Task RemoveAsync(Camera camera)
    {
        if (!await ConfirmAsync("Remove camera", $"Remove '{camera.Definition.Name}'? Its viewers are disconnected and its share links stop working.", "Remove"))
        {
            return;
        }

        Tell(await Management.RemoveAsync(await ActorAsync(), camera.Id), $"Removed {camera.Definition.Name}");
    }
}
