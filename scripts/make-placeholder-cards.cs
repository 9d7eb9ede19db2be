#:project ../src/Streaming/Streaming.csproj
// Draws the placeholder cards shipped for apps without OpenCV's native library (src/Streaming/Imaging/Cards).
// Run once after changing how cards look: dotnet run scripts/make-placeholder-cards.cs
using Streaming.Imaging;

var folder = Path.Combine(Path.GetDirectoryName(AppContext.GetData("EntryPointFilePath") as string ?? ".")!, "..", "src", "Streaming", "Imaging", "Cards");
Directory.CreateDirectory(folder);
var details = new Dictionary<string, string>
{
    ["STARTING"] = "The camera is opening its source.",
    ["NO SIGNAL"] = "The camera's page says why.",
    ["STOPPED"] = "An operator stopped this camera.",
    ["FAILED"] = "The camera's page says why.",
};
foreach (var headline in PlaceholderRenderer.StockHeadlines)
{
    using var image = PlaceholderRenderer.Render(640, 360, details[headline], headline, now: null);
    var jpeg = JpegEncoder.Encode(image, 70);
    var file = Path.Combine(folder, PlaceholderRenderer.StockCardFile(headline));
    File.WriteAllBytes(file, jpeg);
    Console.WriteLine($"{Path.GetFullPath(file)}: {jpeg.Length} bytes");
}
