using Streaming.Sources.Http;

namespace Streaming.Tests.Sources;

public sealed class QueryRedactionTests
{
    [Theory]
    [InlineData("http://dash:5000/video_feed/porch?token=abc&fps=5", "http://dash:5000/video_feed/porch?token=***&fps=5")]
    [InlineData("http://cam/snap.jpg?user=admin&pwd=x1&api_key=k", "http://cam/snap.jpg?user=admin&pwd=***&api_key=***")]
    [InlineData("http://admin:pw@cam:81/stream?action=stream", "http://***@cam:81/stream?action=stream")]
    [InlineData("http://cam/stream?monkey=1&tokenizer=2", "http://cam/stream?monkey=1&tokenizer=2")]
    public void SecretsInTheQueryAreMaskedAndTheRestIsKept(string url, string shown) =>
        Assert.Equal(shown, QueryRedaction.Redact(url));
}
