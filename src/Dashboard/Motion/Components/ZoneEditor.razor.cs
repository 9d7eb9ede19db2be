using System.Globalization;
using Dashboard.Cameras;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Streaming.Motion;

namespace Dashboard.Motion.Components;

/// <summary>
/// Draws a camera's motion zones over its live picture for everyone who sees it; operators and admins edit them
/// (click corners, close, name, Include/Ignore, drag, delete) and save them through <see cref="CameraManagement"/>,
/// which checks the role again and refuses a save over a change made since editing began.
/// </summary>
public sealed partial class ZoneEditor
{
    private PictureFrame? _frame;
    private ZoneDrawing? _drawing;
    private CameraDraft? _draft;
    private (int Zone, int Point)? _grabbed;
    private bool _dragged;
    private bool _saving;
    private string? _problem;

    [Parameter, EditorRequired]
    public string CameraId { get; set; } = "";

    /// <summary>The camera's zones as they run now (shown while nobody edits here).</summary>
    [Parameter]
    public IReadOnlyList<MotionZone> Zones { get; set; } = [];

    /// <summary>False for a camera this dashboard cannot change (another dashboard's): zones are shown only.</summary>
    [Parameter]
    public bool Editable { get; set; } = true;

    /// <summary>The live picture (an <c>&lt;img&gt;</c>).</summary>
    [Parameter, EditorRequired]
    public RenderFragment Picture { get; set; } = default!;

    /// <summary>More overlays in picture coordinates (the motion badge and outline).</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>Called after the zones were saved (the page refreshes its change log).</summary>
    [Parameter]
    public EventCallback Saved { get; set; }

    [Inject]
    private CameraManagement Management { get; set; } = default!;

    private bool Editing => _drawing is not null;

    // Pointer moves go to the server only while a corner is held, not on every move over the picture.
    private Dictionary<string, object> DragHandlers => _grabbed is null
        ? []
        : new()
        {
            ["onpointermove"] = EventCallback.Factory.Create<PointerEventArgs>(this, MovedAsync),
            ["onpointerup"] = EventCallback.Factory.Create<PointerEventArgs>(this, Released),
        };

    private IEnumerable<(string Name, MotionZoneMode Mode, IReadOnlyList<ZonePoint> Points)> Shown => _drawing is { } drawing
        ? drawing.Zones.Select(z => (z.Name, z.Mode, (IReadOnlyList<ZonePoint>)z.Points))
        : Zones.Select(z => (z.Name, z.Mode, z.Points));

    private string LayerClass => _drawing switch
    {
        null => "zone-layer",
        { Drawing: null } => "zone-layer zone-layer--editing",
        _ => "zone-layer zone-layer--editing zone-layer--drawing",
    };

    private string LayerLabel => _drawing?.Drawing is not null ? "Picture: click to add a corner of the zone" : "Motion zones";

    private async Task EditAsync()
    {
        _problem = null;
        _draft = await Management.OpenForEditAsync(CameraId);
        if (_draft is null)
        {
            _problem = "This camera's settings come from the configuration file; its zones are changed there.";
            return;
        }

        _drawing = new ZoneDrawing(_draft.Camera.Motion.Zones);
    }

    private async Task ClickedAsync(MouseEventArgs e)
    {
        if (_dragged)
        {
            // The click that ends dragging a corner is not a new corner.
            _dragged = false;
            return;
        }

        if (_drawing?.Drawing is not null && await PointAtAsync(e) is { } point)
        {
            _drawing.Add(point);
        }
    }

    private void DoubleClicked() => Finish();

    /// <summary>A click on a corner: the first corner of the polygon being drawn closes it (unless it was dragged).</summary>
    private void CornerClicked(int zone, int point)
    {
        var dragged = _dragged;
        _dragged = false;
        if (!dragged && zone < 0 && point == 0)
        {
            Finish();
        }
    }

    private void Finish()
    {
        if (_drawing?.Finish() is not null)
        {
            _problem = null;
        }
    }

    private void Grab(int zone, int point)
    {
        _grabbed = (zone, point);
        _dragged = false;
    }

    private async Task MovedAsync(PointerEventArgs e)
    {
        if (_grabbed is not { } grabbed || _drawing is null || e.Buttons == 0)
        {
            _grabbed = null;
            return;
        }

        if (await PointAtAsync(e) is { } point)
        {
            _drawing.Move(grabbed.Zone, grabbed.Point, point);
            _dragged = true;
        }
    }

    private void Released() => _grabbed = null;

    private async Task<ZonePoint?> PointAtAsync(MouseEventArgs e) =>
        _frame is null ? null : await _frame.FractionAsync(e.ClientX, e.ClientY);

    private async Task SaveAsync()
    {
        if (_drawing is null || _draft is null)
        {
            return;
        }

        _saving = true;
        try
        {
            var user = await ActorAsync();
            var camera = _draft.Camera with { Motion = _draft.Camera.Motion with { Zones = _drawing.ToZones() } };
            var change = await Management.SaveAsync(user, camera, _draft);
            if (!change.Succeeded)
            {
                _problem = string.Join(" ", change.Problems.Select(p => p.Message));
                return;
            }

            (_drawing, _draft, _problem) = (null, null, null);
            Snackbar.Add($"Saved the zones of {camera.Name}", Severity.Success);
            await Saved.InvokeAsync();
        }
        finally
        {
            _saving = false;
        }
    }

    private void Cancel() => (_drawing, _draft, _problem, _grabbed) = (null, null, null, null);

    private static string ModeClass(MotionZoneMode mode) => mode == MotionZoneMode.Include ? "zone zone--include" : "zone zone--ignore";

    private static string PointsOf(IEnumerable<ZonePoint> points) =>
        string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.####},{p.Y:0.####}")));

    private static string Percent(double fraction) => string.Create(CultureInfo.InvariantCulture, $"{fraction * 100:0.##}%");
}
