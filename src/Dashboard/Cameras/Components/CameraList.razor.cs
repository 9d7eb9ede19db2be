using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Streaming.Cameras;

namespace Dashboard.Cameras.Components;

public sealed partial class CameraList : IDisposable
{
    private IReadOnlyList<Camera> _cameras = [];
    private Timer? _refresh;

    [Inject]
    private CameraRegistry Registry { get; set; } = default!;

    [Inject]
    private CameraManagement Management { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override void OnInitialized()
    {
        _cameras = Registry.Cameras;
        Registry.CamerasChanged += OnCamerasChanged;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // States change on their own (reconnecting, idle): refresh them every few seconds.
            _refresh = new Timer(_ => InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        }
    }

    public void Dispose()
    {
        Registry.CamerasChanged -= OnCamerasChanged;
        _refresh?.Dispose();
    }

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

    private void OnCamerasChanged(object? sender, EventArgs e) => InvokeAsync(() =>
    {
        _cameras = Registry.Cameras;
        StateHasChanged();
    });

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

        var change = await Management.RemoveAsync((await AuthenticationState).User, camera.Id);
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
