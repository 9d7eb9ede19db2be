using System.Diagnostics;
using Dashboard.Access;

namespace Dashboard.Tests.Support;

/// <summary>
/// What the dashboard promises about things that happen elsewhere: access that ends (a revoked link or token, a
/// disabled user, a sign-out) ends the streams it was serving, and a change on one node reaches the others, within 2 s.
/// </summary>
internal static class Promise
{
    public static readonly TimeSpan Within = TimeSpan.FromSeconds(2);

    /// <summary>Ends access by <paramref name="ending"/>, which must succeed, and asserts that <paramref name="feed"/> ends within the promise.</summary>
    public static async Task AssertEndsFeedAsync(MjpegFeed feed, Func<Task<ChangeResult>> ending)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(ending);
        var clock = Stopwatch.StartNew();
        var result = await ending();
        Assert.True(result.Succeeded, result.Message);
        await feed.Ended.WaitAsync(Within);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Within);
    }
}
