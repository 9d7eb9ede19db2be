using System.Threading.Channels;
using Streaming.Cameras;
using Streaming.Sources;

namespace Streaming.Tests.Support;

/// <summary>
/// Sources whose frames and failures the test hands out one step at a time, with counts of how
/// often a source was created, opened and released.
/// </summary>
internal sealed class ScriptedSources : IFrameSourceFactory
{
    private readonly Channel<Func<SourceFrame>> _steps = Channel.CreateUnbounded<Func<SourceFrame>>();
    private int _created;
    private int _opened;
    private int _disposed;
    private int _openFailures;

    public int Created => Volatile.Read(ref _created);

    public int Opened => Volatile.Read(ref _opened);

    public int Disposed => Volatile.Read(ref _disposed);

    /// <summary>Device controls every source offers (a webcam's brightness etc.); values set are kept here.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, double> Controls { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Number of control changes the sources were asked for.</summary>
    public int ControlChanges => Volatile.Read(ref _controlChanges);

    private int _controlChanges;

    /// <summary>Stands for what a request carries along its async flow (log scopes, trace ids, the user).</summary>
    public static AsyncLocal<string?> Ambient { get; } = new();

    /// <summary>The <see cref="Ambient"/> value the last open ran with.</summary>
    public string? AmbientAtOpen { get; private set; }

    /// <summary>The thread the last read was called on.</summary>
    public Thread? ReadOn { get; private set; }

    /// <summary>The next this-many opens fail.</summary>
    public void FailNextOpens(int count) => Volatile.Write(ref _openFailures, count);

    public void EmitImage(byte shade = 128) =>
        _steps.Writer.TryWrite(() => SourceFrame.FromImage(TestImages.Image(shade: shade), DateTimeOffset.UtcNow));

    /// <summary>Emits this exact image (the source hands over a copy, as a real source would).</summary>
    public void EmitImage(OpenCvSharp.Mat image) =>
        _steps.Writer.TryWrite(() => SourceFrame.FromImage(image.Clone(), DateTimeOffset.UtcNow));

    public void EmitJpeg(byte[] jpeg) =>
        _steps.Writer.TryWrite(() => SourceFrame.FromJpeg(jpeg, 64, 48, DateTimeOffset.UtcNow));

    /// <summary>The source currently reading fails with this message (like an unplugged device).</summary>
    public void Fail(string message) =>
        _steps.Writer.TryWrite(() => throw new FrameSourceException(message));

    /// <summary>The source currently reading throws this (an unexpected error, not a <see cref="FrameSourceException"/>).</summary>
    public void Throw(Exception exception) =>
        _steps.Writer.TryWrite(() => throw exception);

    public IFrameSource Create(CameraDefinition camera)
    {
        Interlocked.Increment(ref _created);
        return new Source(this);
    }

    private sealed class Source(ScriptedSources owner) : IFrameSource, IDeviceControls
    {
        public Task<IReadOnlyList<DeviceProperty>> ReadPropertiesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DeviceProperty>>([.. owner.Controls.Select(c => new DeviceProperty(c.Key, c.Value, 0, 255, 1))]);

        public Task<IReadOnlyList<CaptureMode>> ReadModesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CaptureMode>>([new CaptureMode(1280, 720, [30, 15]), new CaptureMode(640, 480, [30])]);

        public Task<string?> TrySetAsync(string name, double value, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref owner._controlChanges);
            if (!owner.Controls.ContainsKey(name) || value is < 0 or > 255)
            {
                return Task.FromResult<string?>($"the device refused {name} = {value}");
            }

            owner.Controls[name] = value;
            return Task.FromResult<string?>(null);
        }

        public ValueTask OpenAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref owner._openFailures) >= 0)
            {
                throw new FrameSourceException("device busy");
            }

            Interlocked.Increment(ref owner._opened);
            owner.AmbientAtOpen = Ambient.Value;
            return ValueTask.CompletedTask;
        }

        public async ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken)
        {
            owner.ReadOn = Thread.CurrentThread;
            var step = await owner._steps.Reader.ReadAsync(cancellationToken);
            return step();
        }

        public ValueTask DisposeAsync()
        {
            Interlocked.Increment(ref owner._disposed);
            return ValueTask.CompletedTask;
        }
    }
}
