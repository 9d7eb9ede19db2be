using System.Text;

namespace StreamingBench;

/// <summary>A table printed two ways: aligned columns for the console and GitHub markdown for the file.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public string ToConsole()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        AppendLine(text, headers, widths);
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        _rows.ForEach(row => AppendLine(text, row, widths));
        return text.ToString();
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine($"| {string.Join(" | ", headers)} |");
        text.AppendLine($"|{string.Concat(headers.Select((_, i) => i == 0 ? "---|" : "---:|"))}");
        _rows.ForEach(row => text.AppendLine($"| {string.Join(" | ", row)} |"));
        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, string[] cells, int[] widths) =>
        text.AppendLine(string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd());
}
