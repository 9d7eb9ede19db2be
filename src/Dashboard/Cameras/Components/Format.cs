using System.Globalization;

namespace Dashboard.Cameras.Components;

/// <summary>Numbers as people read them on the dashboard.</summary>
internal static class Format
{
    public static string Bytes(double bytes) => bytes switch
    {
        <= 0 => "-",
        < 1024 => $"{bytes:0} B",
        < 1024 * 1024 => (bytes / 1024).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        < 1024L * 1024 * 1024 => (bytes / 1024 / 1024).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1024 / 1024 / 1024).ToString("0.##", CultureInfo.InvariantCulture) + " GB",
    };

    public static string Bitrate(double bytesPerSecond) => bytesPerSecond switch
    {
        <= 0 => "-",
        < 125_000 => (bytesPerSecond * 8 / 1000).ToString("0", CultureInfo.InvariantCulture) + " kbit/s",
        _ => (bytesPerSecond * 8 / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + " Mbit/s",
    };

    public static string Since(DateTimeOffset since, DateTimeOffset now)
    {
        var age = now - since;
        return age.TotalSeconds < 60 ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes} min"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours} h {age.Minutes} min"
            : $"{(int)age.TotalDays} days";
    }
}
