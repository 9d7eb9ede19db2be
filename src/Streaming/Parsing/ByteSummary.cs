using System.Buffers;
using System.Text;

namespace Streaming.Parsing;

/// <summary>Says in a few words what some bytes are, for an error about data that was not what it should be.</summary>
internal static class ByteSummary
{
    private const int MaxBytes = 48;

    /// <summary>
    /// Text (an HTML page, an error message) as a short quote with line breaks shown as spaces; anything else as
    /// the hex of its first bytes.
    /// </summary>
    public static string Describe(ReadOnlySequence<byte> data)
    {
        if (data.IsEmpty)
        {
            return "nothing";
        }

        Span<byte> head = stackalloc byte[(int)Math.Min(data.Length, MaxBytes)];
        data.Slice(0, head.Length).CopyTo(head);
        var more = data.Length > head.Length ? "..." : "";
        if (IsText(head))
        {
            var text = new StringBuilder(head.Length + 2);
            foreach (var b in head)
            {
                text.Append(b is (byte)'\r' or (byte)'\n' or (byte)'\t' ? ' ' : (char)b);
            }

            return $"\"{text.ToString().Trim()}{more}\"";
        }

        return $"bytes {Convert.ToHexString(head[..Math.Min(head.Length, 16)]).ToLowerInvariant()}{(data.Length > 16 ? "..." : "")}";
    }

    public static string Describe(ReadOnlySpan<byte> data) => Describe(new ReadOnlySequence<byte>(data.ToArray()));

    private static bool IsText(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            if (b is < 0x20 and not ((byte)'\r' or (byte)'\n' or (byte)'\t') or >= 0x7F)
            {
                return false;
            }
        }

        return true;
    }
}
