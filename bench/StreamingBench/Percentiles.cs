namespace StreamingBench;

/// <summary>Nearest-rank percentiles; NaN for no samples, so an empty column reads as "-".</summary>
internal static class Percentiles
{
    public static double Of(IEnumerable<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values) => Of(values, 50);
}
