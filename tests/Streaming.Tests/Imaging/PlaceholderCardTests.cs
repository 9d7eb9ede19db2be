using Streaming.Imaging;

namespace Streaming.Tests.Imaging;

public sealed class PlaceholderCardTests
{
    [Theory]
    [InlineData("STARTING")]
    [InlineData("NO SIGNAL")]
    [InlineData("STOPPED")]
    [InlineData("FAILED")]
    public void EveryHeadlineHasAShippedCardThatIsAWholeJpeg(string headline)
    {
        var card = PlaceholderRenderer.StockCard(headline);

        Assert.True(TestImages.IsCompleteJpeg(card.Jpeg));
        Assert.Equal((640, 360), (card.Width, card.Height));
        Assert.Equal(new OpenCvSharp.Size(640, 360), TestImages.Decode(card.Jpeg));
    }

    [Fact]
    public void ShippedCardsDifferPerHeadlineAndAnUnknownOneGetsNoSignal()
    {
        var cards = PlaceholderRenderer.StockHeadlines.Select(h => Convert.ToHexString(PlaceholderRenderer.StockCard(h).Jpeg)).ToList();

        Assert.Equal(cards.Count, cards.Distinct().Count());
        Assert.Same(PlaceholderRenderer.StockCard("NO SIGNAL"), PlaceholderRenderer.StockCard("RECONNECTING"));
    }

    [Fact]
    public void WithOpenCvTheCardIsDrawnForTheCamera()
    {
        var card = PlaceholderRenderer.RenderJpeg(960, 540, "Garden", "NO SIGNAL", DateTimeOffset.UtcNow);

        Assert.Equal((960, 540), (card.Width, card.Height));
        Assert.NotEqual(PlaceholderRenderer.StockCard("NO SIGNAL").Jpeg, card.Jpeg);
    }
}
