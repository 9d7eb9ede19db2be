using OpenCvSharp;
using Streaming.Broadcasting;
using Streaming.Diagnostics;
using Streaming.Imaging;
using Streaming.Sources;

namespace Streaming.Cameras;

/// <summary>
/// The path of a camera's frames from the capture loop to its viewers: the full-size broadcaster and one
/// broadcaster per preview size, the decision what needs decoding and encoding, the "no signal" cards at each
/// variant's size, and the counters. A JPEG from the source reaches full-size viewers byte for byte unless an
/// image adjustment needs pixels; pixels for a preview come from a reduced-size decode, and only while a tile
/// watches. Called by one capture loop at a time; read from any thread.
/// </summary>
internal sealed class FramePipeline
{

    private readonly StreamingOptions _options;
    private readonly TimeProvider _time;
    private readonly StreamingMetrics? _metrics;
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly FrameCounters? _captured;
    private readonly FrameBroadcaster _full;
    private readonly PreviewVariant[] _previews;
    private readonly RateMeter _captureRate;
    private readonly EncodeMeter _encodes;
    private readonly EncodeMeter _previewEncodes;
    private long _sequence;
    private long _framesCaptured;
    private long _framesDecoded;
    private FramePath _path = FramePath.None;
    private ImageAdjustments? _pathAdjustments;
    private string? _pathFormat;

    public FramePipeline(string cameraId, StreamingOptions options, TimeProvider time, StreamingMetrics? metrics = null)
    {
        _options = options;
        _time = time;
        _metrics = metrics;
        _tags = StreamingMetrics.Camera(cameraId);
        _captured = metrics?.CapturedBy(cameraId);
        _full = new FrameBroadcaster(time, metrics, cameraId);
        _previews = [.. PreviewWidths(options.PreviewWidth).Select(w => new PreviewVariant(w, options, time, metrics, cameraId))];
        _captureRate = new RateMeter(time);
        _encodes = new EncodeMeter(time, metrics, _tags);
        _previewEncodes = new EncodeMeter(time);
    }

    public int SubscriberCount => _full.SubscriberCount + _previews.Sum(p => p.Frames.SubscriberCount);

    /// <summary>The newest full-size picture (not a card), while the camera runs; the caller's to keep.</summary>
    public JpegFrame? LatestFrame => _full.Latest is { IsPlaceholder: false } latest ? latest : null;

    /// <summary>The path the latest frame took.</summary>
    public FramePath Path => Volatile.Read(ref _path);

    /// <summary>
    /// The preview sizes tiles choose from: <see cref="StreamingOptions.PreviewWidth"/> and half of it, so a small
    /// tile does not have to decode (and the server encode) pixels it cannot show.
    /// </summary>
    public static IReadOnlyList<int> PreviewWidths(int previewWidth) =>
        previewWidth >= 2 * 160 ? [previewWidth / 2, previewWidth] : [previewWidth];

    /// <summary>
    /// The broadcaster of the full-size frames, or of the preview size nearest <paramref name="width"/>
    /// (0: the largest preview).
    /// </summary>
    public FrameBroadcaster For(FrameVariant variant, int width = 0)
    {
        if (variant == FrameVariant.Full)
        {
            return _full;
        }

        return width <= 0
            ? _previews[^1].Frames
            : _previews.MinBy(p => Math.Abs(p.Width - width))!.Frames;
    }

    /// <summary>Publishes one captured frame to everyone, decoding and encoding only what a viewer needs.</summary>
    public void Publish(SourceFrame frame, CameraDefinition definition)
    {
        Interlocked.Increment(ref _framesCaptured);
        _captured?.AddFrame();
        _captureRate.Record();
        var sequence = Interlocked.Increment(ref _sequence);
        if (frame.IsJpeg && definition.Image.IsIdentity)
        {
            PassThrough(frame, sequence);
            return;
        }

        var started = _time.GetTimestamp();
        using var decoded = frame.Image is null ? Decode(frame.Jpeg.Span, ImreadModes.Color) : null;
        var image = frame.Image ?? decoded;
        if (image is null)
        {
            return;
        }

        SetDecodedPath(frame.Image is null, definition.Image, frame.Format);
        var adjusted = FrameTransformer.Apply(image, definition.Image, definition.Name, frame.CapturedAt);
        try
        {
            // With only dashboard tiles watching, the full-size frame is not needed: previews are made from the pixels.
            JpegFrame? full = null;
            if (_full.SubscriberCount > 0 || definition.AlwaysOn)
            {
                var encoded = JpegEncoder.Encode(adjusted, definition.JpegQuality);
                _encodes.Record(started);
                full = new JpegFrame(encoded, sequence, frame.CapturedAt, adjusted.Width, adjusted.Height);
                PublishFull(full);
            }

            foreach (var preview in _previews)
            {
                if (!preview.TakeDue())
                {
                    continue;
                }

                if (full is not null && full.Width <= preview.Width)
                {
                    preview.Frames.Publish(full);
                    continue;
                }

                preview.PublishScaled(adjusted, sequence, frame.CapturedAt, _previewEncodes, _time.GetTimestamp());
            }
        }
        finally
        {
            if (!ReferenceEquals(adjusted, image))
            {
                adjusted.Dispose();
            }
        }
    }

    /// <summary>
    /// Called by the heartbeat: each variant that got nothing for most of an interval gets its newest frame again
    /// (streaming) or a card at its own size saying why there is no picture (any other state).
    /// </summary>
    public void Beat(CameraStatus status, CameraDefinition definition)
    {
        var interval = _options.HeartbeatInterval;
        var now = _time.GetUtcNow();
        Refresh(_full, new Size(definition.Width, definition.Height));
        foreach (var preview in _previews)
        {
            Refresh(preview.Frames, preview.SizeFor(definition.Width, definition.Height));
        }

        void Refresh(FrameBroadcaster broadcaster, Size size)
        {
            if (broadcaster.SubscriberCount == 0 || now - broadcaster.LastPublishedAt < interval * 0.75)
            {
                return;
            }

            var repeat = status.State == CameraState.Streaming ? broadcaster.HoldLatest() : null;
            broadcaster.Publish(repeat is { IsPlaceholder: false } ? repeat : RenderCard(size, status, definition.Name, now));
            repeat?.Release();
        }
    }

    /// <summary>
    /// How long until a watched variant will have had nothing for a whole heartbeat interval (the heartbeat's next
    /// work); null while nobody watches.
    /// </summary>
    public TimeSpan? UntilStale()
    {
        var now = _time.GetUtcNow();
        TimeSpan? soonest = null;
        Consider(_full);
        foreach (var preview in _previews)
        {
            Consider(preview.Frames);
        }

        return soonest;

        void Consider(FrameBroadcaster broadcaster)
        {
            if (broadcaster.SubscriberCount > 0 && broadcaster.LastPublishedAt + _options.HeartbeatInterval - now is var left && !(left >= soonest))
            {
                soonest = left;
            }
        }
    }

    /// <summary>Forgets the newest frames (the run ended), so a later viewer does not get a stale picture.</summary>
    public void Reset()
    {
        _full.Reset();
        foreach (var preview in _previews)
        {
            preview.Frames.Reset();
        }

        Volatile.Write(ref _path, FramePath.None);
    }

    /// <summary>Ends every subscription (the camera was removed).</summary>
    public void CompleteAll()
    {
        _full.CompleteAll();
        foreach (var preview in _previews)
        {
            preview.Frames.CompleteAll();
        }
    }

    public PipelineReading Read()
    {
        // Only the newest frame's size is read: it is held for the reading, not kept.
        var latest = _full.HoldLatest();
        var shown = latest is { IsPlaceholder: false } ? new LatestPicture(latest.Length, latest.Width, latest.Height, latest.CapturedAt) : null;
        latest?.Release();
        return new(
            Interlocked.Read(ref _framesCaptured),
            _captureRate.PerSecond(),
            _encodes.Count,
            _encodes.AverageMilliseconds,
            Interlocked.Read(ref _framesDecoded),
            _previewEncodes.Count,
            _previewEncodes.AverageMilliseconds,
            Path,
            shown,
            [.. _full.ReadSubscribers(), .. _previews.SelectMany(p => p.Frames.ReadSubscribers())]);
    }

    private void PassThrough(SourceFrame frame, long sequence)
    {
        // The path is set before anyone gets the frame, so a viewer that has it also reads how it came.
        var previewWatched = false;
        foreach (var preview in _previews)
        {
            previewWatched |= preview.Frames.SubscriberCount > 0 && frame.Width > preview.Width && OpenCvRuntime.IsAvailable;
        }

        var path = previewWatched ? FramePath.DecodedForPreview : FramePath.PassedThrough;
        if (!ReferenceEquals(_path, path))
        {
            Volatile.Write(ref _path, path);
        }

        // The pipeline holds the frame (and so its pooled array) until every broadcaster and preview has it.
        var full = frame.ToJpegFrame(sequence);
        try
        {
            PublishPassedThrough(full);
        }
        finally
        {
            full.Release();
        }
    }

    private void PublishPassedThrough(JpegFrame full)
    {
        PublishFull(full);
        foreach (var preview in _previews)
        {
            if (!preview.TakeDue())
            {
                continue;
            }

            // Without OpenCV a passed-through frame cannot be scaled: tiles get it full size rather than nothing.
            if (full.Width <= preview.Width || !OpenCvRuntime.IsAvailable)
            {
                preview.Frames.Publish(full);
                continue;
            }

            var started = _time.GetTimestamp();
            using var small = Decode(full.Data.Span, JpegScale.For(full.Width, preview.Width));
            if (small is not null)
            {
                preview.PublishScaled(small, full.Sequence, full.CapturedAt, _previewEncodes, started);
            }
        }
    }

    private void PublishFull(JpegFrame frame)
    {
        _metrics?.FrameSize.Record(frame.Length, _tags);
        _full.Publish(frame);
    }

    private Mat? Decode(ReadOnlySpan<byte> jpeg, ImreadModes mode)
    {
        Interlocked.Increment(ref _framesDecoded);
        var image = Cv2.ImDecode(jpeg, mode);
        if (!image.Empty())
        {
            return image;
        }

        image.Dispose();
        return null;
    }

    /// <summary>Describes a decoded frame's path, building the description only when it changes (not per frame).</summary>
    private void SetDecodedPath(bool fromJpeg, ImageAdjustments adjustments, string? format)
    {
        var kind = fromJpeg ? FramePathKind.Reencoded : FramePathKind.Encoded;
        if (_path.Kind == kind && ReferenceEquals(_pathAdjustments, adjustments) && _pathFormat == format)
        {
            return;
        }

        _pathAdjustments = adjustments;
        _pathFormat = format;
        Volatile.Write(ref _path, fromJpeg ? FramePath.Reencoded(adjustments) : FramePath.Encoded(format));
    }

    private JpegFrame RenderCard(Size size, CameraStatus status, string cameraName, DateTimeOffset now)
    {
        var headline = status.State switch
        {
            CameraState.Starting => "STARTING",
            CameraState.Failed => "FAILED",
            CameraState.Stopped => "STOPPED",
            _ => "NO SIGNAL",
        };
        // Everyone watching sees the card (share links included): the state, never the source's error.
        var card = PlaceholderRenderer.RenderJpeg(size.Width, size.Height, cameraName, headline, now);
        return new JpegFrame(card.Jpeg, Interlocked.Increment(ref _sequence), now, card.Width, card.Height, isPlaceholder: true);
    }
}

/// <summary>A point-in-time reading of a <see cref="FramePipeline"/>.</summary>
internal sealed record PipelineReading(
    long FramesCaptured,
    double CaptureFps,
    long FramesEncoded,
    double EncodeMilliseconds,
    long FramesDecoded,
    long PreviewFramesEncoded,
    double PreviewEncodeMilliseconds,
    FramePath Path,
    LatestPicture? Latest,
    IReadOnlyList<SubscriberStatistics> Subscribers);

/// <summary>What the statistics show of the newest picture (not a card).</summary>
internal sealed record LatestPicture(int Bytes, int Width, int Height, DateTimeOffset CapturedAt);
