using Dashboard.Access;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Streaming.Cameras;
using Streaming.Imaging;
using Streaming.Sources;

namespace Dashboard.Cameras.Components;

public sealed partial class CameraControlPanel
{
    private Camera? _camera;
    private CaptureInput _capture = new();
    private IReadOnlyList<DeviceProperty> _properties = [];
    private IReadOnlyList<CaptureMode> _modes = [];
    private IDeviceControls? _askedControls;
    private Dictionary<string, string> _errors = [];
    private string? _general;
    private bool _busy;

    [Inject]
    private CameraRegistry Cameras { get; set; } = default!;

    [Inject]
    private CameraManagement Management { get; set; } = default!;

    [Parameter, EditorRequired]
    public string CameraId { get; set; } = "";

    /// <summary>The camera's live statistics (for the passthrough/encoding line).</summary>
    [Parameter]
    public CameraStatistics? Statistics { get; set; }

    /// <summary>Raised after a change was applied (the page refreshes its audit log).</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    private string ModeText => Statistics switch
    {
        null => "",
        { State: CameraState.Stopped } => "Stopped: the device is released.",
        { Path.Kind: FramePathKind.PassedThrough } => "Frames are passed through: nothing is decoded or re-encoded.",
        { Path.Kind: FramePathKind.DecodedForPreview } => "Frames are passed through; decoded for the preview only.",
        { FramesEncoded: > 0 } s => $"Encoding every frame ({s.Path.Description}): {s.EncodeMilliseconds:0.0} ms per frame.",
        { Path.Kind: FramePathKind.None } => "Encoding every frame once it streams.",
        var s => $"Encoding every frame for the preview ({s.Path.Description}).",
    };

    protected override async Task OnParametersSetAsync()
    {
        var camera = Cameras.Find(CameraId);
        if (!ReferenceEquals(camera, _camera))
        {
            _camera = camera;
            _capture = CaptureInput.From(camera?.Definition);
        }

        // The device's controls are known only while it is open: ask each newly opened device once.
        if (camera?.DeviceControls is { } controls && !ReferenceEquals(controls, _askedControls))
        {
            _askedControls = controls;
            _properties = await controls.ReadPropertiesAsync(CancellationToken.None);
            _modes = await controls.ReadModesAsync(CancellationToken.None);
        }
    }

    private async Task SetRunningAsync(bool running) =>
        await RunAsync(user => Management.SetRunningAsync(user, CameraId, running), running ? "Camera started" : "Camera stopped");

    private async Task ApplyCaptureAsync() => await RunAsync(
        user => Management.UpdateAsync(user, _camera!.Definition with
        {
            Width = _capture.Width,
            Height = _capture.Height,
            Fps = _capture.Fps,
            JpegQuality = _capture.JpegQuality,
        }),
        "Capture settings applied");

    private async Task ApplyImageAsync(ImageAdjustments image) =>
        await RunAsync(user => Management.UpdateAsync(user, _camera!.Definition with { Image = image }), null);

    private async Task ApplyPropertyAsync(string name, double value)
    {
        var properties = new Dictionary<string, double>(_camera!.Definition.DeviceProperties, StringComparer.OrdinalIgnoreCase) { [name] = value };
        await RunAsync(user => Management.UpdateAsync(user, _camera.Definition with { DeviceProperties = properties }), null);
    }

    private void ChooseMode(string size)
    {
        var mode = _modes.First(m => $"{m.Width}x{m.Height}" == size);
        _capture.Width = mode.Width;
        _capture.Height = mode.Height;
        if (mode.Fps.Count > 0 && !mode.Fps.Contains(_capture.Fps))
        {
            _capture.Fps = mode.Fps[0];
        }
    }

    private async Task RunAsync(Func<System.Security.Claims.ClaimsPrincipal, Task<ChangeResult>> change, string? done)
    {
        _busy = true;
        try
        {
            var result = await change(await ActorAsync());
            _errors = result.Problems.GroupBy(p => Group(p.Setting)).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(p => p.Message)));
            _general = _errors.GetValueOrDefault(ChangeResult.General);
            if (result.Succeeded)
            {
                _capture = CaptureInput.From(_camera?.Definition);
                if (done is not null)
                {
                    Snackbar.Add(done, Severity.Success);
                }

                await Changed.InvokeAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Image adjustment problems are shown together under the image controls.</summary>
    private static string Group(string setting) => setting switch
    {
        nameof(ImageAdjustments.Rotation) or nameof(ImageAdjustments.Brightness) or nameof(ImageAdjustments.Contrast)
            or nameof(ImageAdjustments.Overlay) or nameof(ImageAdjustments.OverlayScale) => "Image",
        _ => setting,
    };

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private double ValueOf(DeviceProperty property) =>
        _camera?.Definition.DeviceProperties.TryGetValue(property.Name, out var stored) == true ? stored : property.Value;

    private static string Label(string name) => char.ToUpperInvariant(name[0]) + name[1..].Replace('_', ' ');

    private sealed class CaptureInput
    {
        public int Width { get; set; }

        public int Height { get; set; }

        public double Fps { get; set; }

        public int JpegQuality { get; set; }

        public static CaptureInput From(CameraDefinition? camera) => camera is null ? new() : new()
        {
            Width = camera.Width,
            Height = camera.Height,
            Fps = camera.Fps,
            JpegQuality = camera.JpegQuality,
        };
    }
}
