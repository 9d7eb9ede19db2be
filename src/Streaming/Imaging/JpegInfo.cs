namespace Streaming.Imaging;

/// <summary>Reads a JPEG's dimensions from its frame header without decoding it.</summary>
public static class JpegInfo
{
    public static bool TryReadSize(ReadOnlySpan<byte> jpeg, out int width, out int height)
    {
        width = height = 0;
        if (jpeg.Length < 4 || jpeg[0] != JpegMarkers.Prefix || jpeg[1] != JpegMarkers.StartOfImage)
        {
            return false;
        }

        var at = 2;
        while (at + 4 <= jpeg.Length)
        {
            if (jpeg[at] != JpegMarkers.Prefix)
            {
                return false;
            }

            var marker = jpeg[at + 1];
            if (marker == JpegMarkers.Prefix)
            {
                at++;
                continue;
            }

            var length = (jpeg[at + 2] << 8) | jpeg[at + 3];
            var isFrameHeader = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrameHeader)
            {
                if (at + 9 > jpeg.Length)
                {
                    return false;
                }

                height = (jpeg[at + 5] << 8) | jpeg[at + 6];
                width = (jpeg[at + 7] << 8) | jpeg[at + 8];
                return width > 0 && height > 0;
            }

            if (marker == JpegMarkers.StartOfScan || length < 2)
            {
                return false;
            }

            at += 2 + length;
        }

        return false;
    }
}
