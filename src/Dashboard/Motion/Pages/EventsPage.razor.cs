using System.Globalization;
using Dashboard.Motion.Components;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Streaming.Cameras;
using Streaming.Motion;

namespace Dashboard.Motion.Pages;

/// <summary>
/// Motion events, newest first, a page at a time from the database (so thousands stay fast): filtered by camera and
/// by start time, with the snapshot, the clip to play or download (or why there is none) and, for operators, delete.
/// A paused recording (disk full, a failed write) shows as a warning above.
/// </summary>
public sealed partial class EventsPage
{
    internal const string AllCameras = "";
    private const string InputFormat = "yyyy-MM-ddTHH:mm";
    private static readonly string[] InputFormats = [InputFormat, "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFF"];

    private MudTable<EventRow>? _table;
    private string _camera = AllCameras;
    private string _from = "";
    private string _to = "";
    private string? _rangeError;
    private IReadOnlyList<string> _warnings = [];

    /// <summary>The camera to show at first (<c>/events?camera=ID</c>, as the camera page links it).</summary>
    [SupplyParameterFromQuery(Name = "camera")]
    public string? Camera { get; set; }

    [Inject]
    private CameraRegistry Cameras { get; set; } = default!;

    [Inject]
    private MotionEventStore Events { get; set; } = default!;

    [Inject]
    private MotionEventActions Actions { get; set; } = default!;

    [Inject]
    private ClipStorage Storage { get; set; } = default!;

    [Inject]
    private MotionService Motion { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override void OnInitialized()
    {
        _camera = Cameras.Find(Camera ?? "")?.Id ?? Camera ?? AllCameras;
        _from = Input(Time.GetUtcNow().AddDays(-1));
        _warnings = Warnings();
    }

    private async Task<TableData<EventRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        _warnings = Warnings();
        if (!TryRange(out var from, out var to))
        {
            return new TableData<EventRow> { Items = [], TotalItems = 0 };
        }

        var page = await Events.PageAsync(new EventFilter(_camera is AllCameras ? null : _camera, from, to), state.Page * state.PageSize, state.PageSize, cancellationToken);
        return new TableData<EventRow>
        {
            Items = [.. page.Events.Select(e => new EventRow(e, Cameras.Find(e.CameraId)?.Definition.Name ?? e.CameraId, EventClips.StateOf(e, Storage)))],
            TotalItems = page.Total,
        };
    }

    /// <summary>Why recording is paused: the clip folder's disk, else what each camera's recorder last said.</summary>
    private IReadOnlyList<string> Warnings()
    {
        if (Storage.SpaceWarning() is { } space)
        {
            return [space];
        }

        return [.. Cameras.Cameras
            .Select(c => (c.Definition.Name, Motion.StatusOf(c.Id).RecordingWarning))
            .Where(w => w.RecordingWarning is not null)
            .Select(w => $"{w.Name}: {w.RecordingWarning}")];
    }

    private bool TryRange(out DateTimeOffset? from, out DateTimeOffset? to)
    {
        var valid = TryParse(_from, out from) & TryParse(_to, out to);
        _rangeError = !valid ? "Enter a date and time, or leave it empty."
            : from >= to ? "'From' must be before 'To'."
            : null;
        return _rangeError is null;
    }

    private static bool TryParse(string text, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTime.TryParseExact(text.Trim(), InputFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = new DateTimeOffset(parsed, TimeSpan.Zero);
            return true;
        }

        return false;
    }

    private Task CameraChangedAsync(string camera)
    {
        _camera = camera ?? AllCameras;
        return RefreshAsync();
    }

    private Task FromChangedAsync(string from)
    {
        _from = from ?? "";
        return RefreshAsync();
    }

    private Task ToChangedAsync(string to)
    {
        _to = to ?? "";
        return RefreshAsync();
    }

    private Task LastDayAsync()
    {
        _from = Input(Time.GetUtcNow().AddDays(-1));
        _to = "";
        return RefreshAsync();
    }

    private Task RefreshAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task PlayAsync(EventRow row)
    {
        var parameters = new DialogParameters<ClipPlayer>
        {
            { p => p.Event, row.Event },
            { p => p.CameraName, row.CameraName },
        };
        await Dialogs.ShowAsync<ClipPlayer>($"{row.CameraName}, {Utc(row.Event.Start)}", parameters, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true });
    }

    private async Task DeleteAsync(EventRow row)
    {
        if (!await ConfirmAsync("Delete event", $"Delete the event of {row.CameraName} at {Utc(row.Event.Start)} with its clip and snapshot?", "Delete"))
        {
            return;
        }

        Tell(await Actions.DeleteAsync(await ActorAsync(), row.Event.CameraId, row.Event.Id), "Event deleted");
        await RefreshAsync();
    }

    private static string Input(DateTimeOffset time) => time.UtcDateTime.ToString(InputFormat, CultureInfo.InvariantCulture);

    internal static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    internal static string Duration(MotionEvent motionEvent) => motionEvent.End is not { } end
        ? "ongoing"
        : (end - motionEvent.Start) is var length && length >= TimeSpan.FromMinutes(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)length.TotalMinutes} min {length.Seconds} s")
            : string.Create(CultureInfo.InvariantCulture, $"{length.TotalSeconds:0.0} s");

    internal static string Peak(MotionEvent motionEvent) => string.Create(CultureInfo.InvariantCulture, $"{motionEvent.PeakScore:0.#} %");
}

/// <summary>One row of the Events page: the event, its camera's name and whether its clip can be played.</summary>
internal sealed record EventRow(MotionEvent Event, string CameraName, ClipState Clip);
