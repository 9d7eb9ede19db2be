using OpenCvSharp;
using Streaming.Cameras;
using Streaming.Sources;

namespace Dashboard.Tests.Cameras;

/// <summary>Sources that look like a webcam with a few controls (the test says which), producing small frames at 20 fps.</summary>
internal sealed class FakeDeviceSources(params DeviceProperty[] controls) : IFrameSourceFactory
{
    public Dictionary<string, double> Values { get; } = controls.ToDictionary(c => c.Name, c => c.Value, StringComparer.OrdinalIgnoreCase);

    public IFrameSource Create(CameraDefinition camera) => new Source(this, controls);

    private sealed class Source(FakeDeviceSources owner, DeviceProperty[] controls) : IFrameSource, IDeviceControls
    {
        private readonly PeriodicTimer _pace = new(TimeSpan.FromMilliseconds(50));

        public ValueTask OpenAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public async ValueTask<SourceFrame> ReadFrameAsync(CancellationToken cancellationToken)
        {
            await _pace.WaitForNextTickAsync(cancellationToken);
            return SourceFrame.FromImage(new Mat(48, 64, MatType.CV_8UC3, Scalar.Gray), DateTimeOffset.UtcNow);
        }

        public Task<IReadOnlyList<DeviceProperty>> ReadPropertiesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<DeviceProperty>>([.. controls.Select(c => c with { Value = owner.Values[c.Name] })]);

        public Task<string?> TrySetAsync(string name, double value, CancellationToken cancellationToken)
        {
            if (!owner.Values.ContainsKey(name) || value % 2 != 0)
            {
                return Task.FromResult<string?>($"the webcam refused {name} = {value}");
            }

            owner.Values[name] = value;
            return Task.FromResult<string?>(null);
        }

        public Task<IReadOnlyList<CaptureMode>> ReadModesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CaptureMode>>([new CaptureMode(1280, 720, [30]), new CaptureMode(640, 480, [30, 15])]);

        public ValueTask DisposeAsync()
        {
            _pace.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
