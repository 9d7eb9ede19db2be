using Streaming.Sources.Http;

namespace Streaming.Tests.Sources;

public sealed class DigestChallengeTests
{
    // RFC 7616, section 3.9.1: the same request answered with MD5 and with SHA-256.
    private const string Rfc7616Challenge =
        "realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=ALGORITHM, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    private const string Rfc7616ClientNonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void AnswersTheExampleOfRfc7616(string algorithm, string response)
    {
        var challenge = DigestChallenge.Parse(Rfc7616Challenge.Replace("ALGORITHM", algorithm, StringComparison.Ordinal))!;

        var answer = challenge.Answer("Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, Rfc7616ClientNonce);

        Assert.Contains($"response=\"{response}\"", answer, StringComparison.Ordinal);
        Assert.Contains("qop=auth, nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\"", answer, StringComparison.Ordinal);
        Assert.Contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"", answer, StringComparison.Ordinal);
        Assert.Contains("uri=\"/dir/index.html\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void AnswersTheExampleOfRfc2617()
    {
        var challenge = DigestChallenge.Parse("realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")!;

        var answer = challenge.Answer("Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "0a4f113b");

        Assert.Contains("response=\"6629fae49393a05397450978507c4ef1\"", answer, StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void PrefersSha256WhenTheServerOffersBoth()
    {
        var chosen = DigestChallenge.Choose([
            "realm=\"cam\", qop=\"auth\", algorithm=MD5, nonce=\"a\"",
            "realm=\"cam\", qop=\"auth\", algorithm=SHA-256, nonce=\"b\"",
        ]);

        Assert.Equal(("SHA-256", "b"), (chosen!.Algorithm, chosen.Nonce));
    }

    [Fact]
    public void ChallengesItCannotAnswerAreNotChosen()
    {
        Assert.Null(DigestChallenge.Parse("realm=\"cam\", qop=\"auth-int\", nonce=\"a\""));
        Assert.Null(DigestChallenge.Parse("realm=\"cam\", qop=\"auth\", algorithm=SHA-512-256, nonce=\"a\""));
        Assert.Null(DigestChallenge.Parse("realm=\"cam\", qop=\"auth\""));
    }

    [Fact]
    public void QuotedValuesMayHoldCommasAndEscapes()
    {
        var values = DigestChallenge.ParseParameters("realm=\"a, \\\"b\\\"\", stale=TRUE, nonce=\"n\"");

        Assert.Equal("a, \"b\"", values["realm"]);
        Assert.Equal("TRUE", values["stale"]);
        Assert.True(DigestChallenge.Parse("realm=\"a\", stale=TRUE, nonce=\"n\"")!.Stale);
    }
}
