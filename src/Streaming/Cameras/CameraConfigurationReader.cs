using System.Globalization;
using Microsoft.Extensions.Configuration;
using Streaming.Imaging;
using Streaming.Motion;

namespace Streaming.Cameras;

/// <summary>
/// Reads the <c>Cameras</c> array. Unlike the configuration binder, a value that does not parse
/// becomes a problem on that one camera (which then shows as Failed) instead of stopping the app.
/// </summary>
public static class CameraConfigurationReader
{
    public const string SectionName = "Cameras";

    /// <summary>A setting left out keeps <see cref="CameraDefinition"/>'s own default, so the two cannot drift apart.</summary>
    private static readonly CameraDefinition Defaults = new() { Id = "" };

    public static IReadOnlyList<ConfiguredCamera> Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sections = configuration.GetSection(SectionName).GetChildren()
            .Where(s => int.TryParse(s.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(s => int.Parse(s.Key, CultureInfo.InvariantCulture));
        return [.. sections.Select((section, index) => ReadOne(section, index))];
    }

    public static ConfiguredCamera ReadOne(IConfigurationSection section, int index)
    {
        ArgumentNullException.ThrowIfNull(section);
        var problems = new List<SettingProblem>();
        var reader = new SettingReader(section, problems);
        var id = section["Id"];
        var camera = new CameraDefinition
        {
            Id = string.IsNullOrWhiteSpace(id) ? $"camera{index + 1}" : id.Trim(),
            Name = section["Name"] ?? "",
            Kind = reader.Enum(nameof(CameraDefinition.Kind), Defaults.Kind),
            Width = reader.Int(nameof(CameraDefinition.Width), Defaults.Width),
            Height = reader.Int(nameof(CameraDefinition.Height), Defaults.Height),
            Fps = reader.Double(nameof(CameraDefinition.Fps), Defaults.Fps),
            JpegQuality = reader.Int(nameof(CameraDefinition.JpegQuality), Defaults.JpegQuality),
            AlwaysOn = reader.Bool(nameof(CameraDefinition.AlwaysOn), Defaults.AlwaysOn),
            Enabled = reader.Bool(nameof(CameraDefinition.Enabled), Defaults.Enabled),
            Image = ReadImage(new SettingReader(section.GetSection(nameof(CameraDefinition.Image)), problems)),
            DeviceProperties = ReadDeviceProperties(section.GetSection(nameof(CameraDefinition.DeviceProperties)), problems),
            Motion = ReadMotion(section.GetSection(nameof(CameraDefinition.Motion)), problems),
            Folder = section["Folder"],
            Device = reader.NullableInt(nameof(CameraDefinition.Device)),
            File = section["File"],
            Url = section["Url"],
            Loop = reader.Bool(nameof(CameraDefinition.Loop), Defaults.Loop),
            Command = section["Command"],
            Arguments = reader.List(nameof(CameraDefinition.Arguments)),
            UserName = section["UserName"],
            Password = section["Password"],
            Node = section["Node"],
        };

        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add(new("Id", $"Camera number {index + 1} has no Id."));
        }

        return new ConfiguredCamera(camera, [.. problems, .. CameraDefinitionValidator.Validate(camera)]);
    }

    private static ImageAdjustments ReadImage(SettingReader image) => new()
    {
        Rotation = (Rotation)image.Int(nameof(ImageAdjustments.Rotation), 0),
        FlipHorizontal = image.Bool(nameof(ImageAdjustments.FlipHorizontal), false),
        FlipVertical = image.Bool(nameof(ImageAdjustments.FlipVertical), false),
        Brightness = image.Int(nameof(ImageAdjustments.Brightness), 0),
        Contrast = image.Int(nameof(ImageAdjustments.Contrast), 0),
        Overlay = image.Enum(nameof(ImageAdjustments.Overlay), OverlayPosition.None),
        OverlayScale = image.Double(nameof(ImageAdjustments.OverlayScale), 1),
    };

    /// <summary><c>Motion:Enabled</c>, <c>Sensitivity</c>, <c>MinimumArea</c> and <c>Zones:N:Name/Mode/Points:M:X/Y</c>.</summary>
    private static MotionSettings ReadMotion(IConfigurationSection section, List<SettingProblem> problems)
    {
        var motion = new SettingReader(section, problems);
        return new MotionSettings
        {
            Enabled = motion.Bool(nameof(MotionSettings.Enabled), false),
            Sensitivity = motion.Int(nameof(MotionSettings.Sensitivity), MotionSettings.DefaultSensitivity),
            MinimumArea = motion.Double(nameof(MotionSettings.MinimumArea), MotionSettings.DefaultMinimumArea),
            Zones = [.. Children(section.GetSection(nameof(MotionSettings.Zones))).Select(zone =>
            {
                var reader = new SettingReader(zone, problems);
                return new MotionZone
                {
                    Name = zone[nameof(MotionZone.Name)] ?? "",
                    Mode = reader.Enum(nameof(MotionZone.Mode), MotionZoneMode.Ignore),
                    Points = [.. Children(zone.GetSection(nameof(MotionZone.Points))).Select(point =>
                    {
                        var xy = new SettingReader(point, problems);
                        return new ZonePoint(xy.Double(nameof(ZonePoint.X), -1), xy.Double(nameof(ZonePoint.Y), -1));
                    })],
                };
            })],
        };

        static IEnumerable<IConfigurationSection> Children(IConfigurationSection list) =>
            list.GetChildren().OrderBy(c => int.TryParse(c.Key, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue);
    }

    private static Dictionary<string, double> ReadDeviceProperties(IConfigurationSection section, List<SettingProblem> problems)
    {
        var properties = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (double.TryParse(child.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                properties[child.Key] = value;
            }
            else
            {
                problems.Add(new(nameof(CameraDefinition.DeviceProperties), $"Device property '{child.Key}' value '{child.Value}' is not a number."));
            }
        }

        return properties;
    }

    private sealed class SettingReader(IConfigurationSection section, List<SettingProblem> problems)
    {
        public int Int(string key, int fallback) => NullableInt(key) ?? fallback;

        public int? NullableInt(string key)
        {
            var text = section[key];
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            problems.Add(new(key, $"{key} '{text}' is not a whole number."));
            return null;
        }

        public double Double(string key, double fallback)
        {
            var text = section[key];
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            problems.Add(new(key, $"{key} '{text}' is not a number."));
            return fallback;
        }

        public bool Bool(string key, bool fallback)
        {
            var text = section[key];
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (bool.TryParse(text, out var value))
            {
                return value;
            }

            problems.Add(new(key, $"{key} '{text}' is not true or false."));
            return fallback;
        }

        public TEnum Enum<TEnum>(string key, TEnum fallback)
            where TEnum : struct, Enum
        {
            var text = section[key];
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsDigit(text[0]))
            {
                return value;
            }

            problems.Add(new(key, $"{key} '{text}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}."));
            return fallback;
        }

        public IReadOnlyList<string> List(string key)
        {
            var child = section.GetSection(key);
            if (child.Value is { Length: > 0 } single)
            {
                problems.Add(new(key, $"{key} must be a list with one item per argument, not the single string '{Redaction.RedactText(single)}'."));
                return [];
            }

            return [.. child.GetChildren()
                .OrderBy(c => int.TryParse(c.Key, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue)
                .Select(c => c.Value ?? "")];
        }
    }
}
