using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Streaming.Avi;
using Streaming.Motion;

namespace Dashboard.Motion.Components;

/// <summary>
/// The Events page's player: an <c>&lt;img&gt;</c> on the clip's MJPEG playback, a slider that seeks by starting the
/// stream again at the new offset, play/pause/replay and the download. Its position comes from the server's stream
/// (<see cref="ClipPlayers"/>); pausing and closing stop that stream on the server.
/// </summary>
public sealed partial class ClipPlayer : ComponentBase, IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(100);
    private readonly Guid _player = Guid.NewGuid();
    private readonly CancellationTokenSource _stop = new();
    private TimeSpan _duration;
    private int _frames;
    private TimeSpan _position;
    private int _frame;
    private PlayerState _state = PlayerState.Loading;
    private string? _source;
    private int _attempt;
    private string? _error;
    private long _renderedAt;

    internal enum PlayerState
    {
        Loading,
        Playing,
        Paused,
        Ended,
    }

    [Parameter, EditorRequired]
    public MotionEvent Event { get; set; } = default!;

    [Parameter]
    public string CameraName { get; set; } = "";

    [Inject]
    private ClipPlayers Players { get; set; } = default!;

    [Inject]
    private ClipStorage Storage { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private double Max => Math.Max(_duration.TotalSeconds, 0.1);

    private string ToggleIcon => _state switch
    {
        PlayerState.Playing => Icons.Material.Filled.Pause,
        PlayerState.Ended => Icons.Material.Filled.Replay,
        _ => Icons.Material.Filled.PlayArrow,
    };

    private string ToggleLabel => _state switch
    {
        PlayerState.Playing => "Pause",
        PlayerState.Ended => "Replay",
        _ => "Play",
    };

    private string Label => string.Create(CultureInfo.InvariantCulture, $"{Clock(_position)} / {Clock(_duration)} · frame {_frame + 1} of {_frames} · {_state}");

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        Players.Close(_player);
    }

    protected override async Task OnInitializedAsync()
    {
        Players.Open(_player);
        try
        {
            await using var clip = await MjpegAviReader.OpenAsync(Storage.ClipPath(Event.CameraId, Event.Id), _stop.Token);
            _duration = clip.Duration;
            _frames = clip.Frames.Count;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _error = "The clip file cannot be read: it was deleted or is not a complete clip.";
            return;
        }

        Play(TimeSpan.Zero);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = WatchAsync(_stop.Token);
        }
    }

    private void Play(TimeSpan at)
    {
        _attempt++;
        _position = at;
        _state = PlayerState.Playing;
        _source = MotionLinks.Play(Event, at, _player, _attempt);
    }

    private Task ToggleAsync()
    {
        switch (_state)
        {
            case PlayerState.Playing:
                Players.Stop(_player);
                _state = PlayerState.Paused;
                break;
            case PlayerState.Ended:
                Play(TimeSpan.Zero);
                break;
            default:
                Play(_position);
                break;
        }

        return Task.CompletedTask;
    }

    private Task SeekAsync(double seconds)
    {
        Play(TimeSpan.FromSeconds(Math.Clamp(seconds, 0, _duration.TotalSeconds)));
        return Task.CompletedTask;
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var position in Players.WatchAsync(_player, cancellationToken))
            {
                _position = position.At;
                _frame = position.Frame;
                if (position.Ended)
                {
                    _state = PlayerState.Ended;
                }

                // Frames come at the clip's rate; the slider and label need a few renders a second.
                if (position.Ended || Time.GetElapsedTime(_renderedAt) >= RenderInterval)
                {
                    _renderedAt = Time.GetTimestamp();
                    await InvokeAsync(StateHasChanged);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The player closed.
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended while a render was queued.
        }
    }

    private static string Clock(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalMinutes}:{time.Seconds:00}.{time.Milliseconds / 100}");
}
