using Streaming.Cameras;
using Streaming.Sources;

namespace Streaming.Tests.Sources;

public sealed class ImageSequenceSourceTests
{
    [Fact]
    public async Task LoopsOverTheFolderPassingFilesThroughUnchanged()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            byte[][] files = [TestImages.Jpeg(shade: 1), TestImages.Jpeg(32, 24, 2)];
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "a.jpg"), files[0]);
            await File.WriteAllBytesAsync(Path.Combine(folder.FullName, "b.jpeg"), files[1]);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "notes.txt"), "not an image");
            await using var source = new ImageSequenceSource(new CameraDefinition { Id = "s", Kind = CameraKind.ImageSequence, Folder = folder.FullName, Fps = 100 }, TimeProvider.System);
            await source.OpenAsync(CancellationToken.None);

            var frames = new List<SourceFrame>();
            for (var i = 0; i < 3; i++)
            {
                frames.Add(await source.ReadFrameAsync(CancellationToken.None).Within());
            }

            Assert.Equal([files[0], files[1], files[0]], frames.Select(f => f.Jpeg.ToArray()));
            Assert.Equal((32, 24), (frames[1].Width, frames[1].Height));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task FileThatDisappearsIsASourceFailure()
    {
        var folder = Directory.CreateTempSubdirectory();
        var file = Path.Combine(folder.FullName, "only.jpg");
        await File.WriteAllBytesAsync(file, TestImages.Jpeg());
        await using var source = new ImageSequenceSource(new CameraDefinition { Id = "s", Folder = folder.FullName, Fps = 100 }, TimeProvider.System);
        await source.OpenAsync(CancellationToken.None);

        folder.Delete(recursive: true);

        var failure = await Assert.ThrowsAsync<FrameSourceException>(() => source.ReadFrameAsync(CancellationToken.None).AsTask());
        Assert.Contains("only.jpg", failure.Message, StringComparison.Ordinal);
    }
}
