using Microsoft.AspNetCore.Components;
using MudBlazor;
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

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

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
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Remove camera",
            $"Remove '{camera.Definition.Name}'? Its viewers are disconnected and its share links stop working.",
            yesText: "Remove",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var change = await Management.RemoveAsync(await ActorAsync(), camera.Id);
        if (change.Succeeded)
        {
            Snackbar.Add($"Removed {camera.Definition.Name}", Severity.Success);
        }
        else
        {
            Snackbar.Add(string.Join(" ", change.Problems.Select(p => p.Message)), Severity.Error);
        }
    }
}
