using System.Text.Json;

namespace Dashboard.Tiles;

/// <summary>What a page may ask of the tile socket.</summary>
internal enum TileOperation
{
    /// <summary>Tile N shows camera X: <c>{"op":"show","tile":0,"camera":"porch","gen":1,"full":false,"width":460}</c> (width in device pixels, optional).</summary>
    Show,

    /// <summary>Tile N is out of view or gone: <c>{"op":"hide","tile":0}</c>.</summary>
    Hide,

    /// <summary>The page has shown tile N's last frame; the next one may come: <c>{"op":"ack","tile":0}</c>.</summary>
    Ack,
}

/// <summary>
/// One message from the page, validated: every field has the right type and the tile number is in range.
/// Anything else is a protocol error that names what was wrong.
/// </summary>
internal readonly record struct TileRequest(TileOperation Operation, int Tile, string? Camera = null, uint Generation = 0, bool Full = false, int Width = 0)
{
    private const int MaxWidth = 16384;

    public static bool TryParse(ReadOnlySpan<byte> utf8Json, int maxTiles, out TileRequest request, out string error)
    {
        request = default;
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 4 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            error = "malformed JSON";
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "a message must be a JSON object";
                return false;
            }

            if (!root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.String)
            {
                error = "missing \"op\"";
                return false;
            }

            TileOperation operation;
            switch (op.GetString())
            {
                case "show": operation = TileOperation.Show; break;
                case "hide": operation = TileOperation.Hide; break;
                case "ack": operation = TileOperation.Ack; break;
                default:
                    error = "unknown \"op\"";
                    return false;
            }

            if (!root.TryGetProperty("tile", out var tileElement) || tileElement.ValueKind != JsonValueKind.Number || !tileElement.TryGetInt32(out var tile) || tile < 0 || tile >= maxTiles)
            {
                error = $"\"tile\" must be a number from 0 to {maxTiles - 1}";
                return false;
            }

            if (operation != TileOperation.Show)
            {
                request = new TileRequest(operation, tile);
                error = "";
                return true;
            }

            if (!root.TryGetProperty("camera", out var camera) || camera.ValueKind != JsonValueKind.String || camera.GetString() is not { Length: > 0 and <= 64 } cameraId)
            {
                error = "\"camera\" must be a camera id";
                return false;
            }

            uint generation = 0;
            if (root.TryGetProperty("gen", out var gen) && (gen.ValueKind != JsonValueKind.Number || !gen.TryGetUInt32(out generation)))
            {
                error = "\"gen\" must be a whole number";
                return false;
            }

            var width = 0;
            if (root.TryGetProperty("width", out var widthElement) && (widthElement.ValueKind != JsonValueKind.Number || !widthElement.TryGetInt32(out width) || width < 0 || width > MaxWidth))
            {
                error = $"\"width\" must be a whole number from 0 to {MaxWidth}";
                return false;
            }

            var full = root.TryGetProperty("full", out var fullElement) && fullElement.ValueKind == JsonValueKind.True;
            request = new TileRequest(operation, tile, cameraId, generation, full, width);
            error = "";
            return true;
        }
    }
}
