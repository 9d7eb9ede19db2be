using OpenCvSharp;

namespace Streaming.Sources;

/// <summary>One control a capture device accepts, with its current value and, where the device tells, its range.</summary>
public sealed record DeviceProperty(string Name, double Value, double? Min = null, double? Max = null, double? Step = null)
{
    /// <summary>The controls offered, by the names V4L2 uses, with OpenCV's property for each.</summary>
    public static IReadOnlyDictionary<string, VideoCaptureProperties> Known { get; } = new Dictionary<string, VideoCaptureProperties>(StringComparer.OrdinalIgnoreCase)
    {
        ["brightness"] = VideoCaptureProperties.Brightness,
        ["contrast"] = VideoCaptureProperties.Contrast,
        ["saturation"] = VideoCaptureProperties.Saturation,
        ["hue"] = VideoCaptureProperties.Hue,
        ["gain"] = VideoCaptureProperties.Gain,
        ["exposure"] = VideoCaptureProperties.Exposure,
        ["auto_exposure"] = VideoCaptureProperties.AutoExposure,
        ["focus"] = VideoCaptureProperties.Focus,
        ["autofocus"] = VideoCaptureProperties.AutoFocus,
        ["white_balance"] = VideoCaptureProperties.WBTemperature,
        ["auto_white_balance"] = VideoCaptureProperties.AutoWB,
        ["sharpness"] = VideoCaptureProperties.Sharpness,
        ["gamma"] = VideoCaptureProperties.Gamma,
        ["zoom"] = VideoCaptureProperties.Zoom,
    };

    public static IEnumerable<string> KnownNames => Known.Keys;

    public static bool IsKnown(string name) => Known.ContainsKey(name);

    /// <summary>Why <paramref name="value"/> is out of this property's range, or null.</summary>
    public string? OutOfRange(double value) =>
        (Min is { } min && value < min) || (Max is { } max && value > max)
            ? $"{Name} must be between {Min} and {Max} (was {value})."
            : null;
}

/// <summary>A source whose device has controls (a V4L2 webcam through OpenCV).</summary>
public interface IDeviceControls
{
    /// <summary>The controls the device accepts, with current values; unsupported ones are left out.</summary>
    Task<IReadOnlyList<DeviceProperty>> ReadPropertiesAsync(CancellationToken cancellationToken);

    /// <summary>Sets a control; null when the device took it, else why not (in words).</summary>
    Task<string?> TrySetAsync(string name, double value, CancellationToken cancellationToken);

    /// <summary>The frame sizes and rates the device offers; empty when it cannot tell.</summary>
    Task<IReadOnlyList<CaptureMode>> ReadModesAsync(CancellationToken cancellationToken);
}
