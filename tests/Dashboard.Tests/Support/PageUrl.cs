using Microsoft.Playwright;

namespace Dashboard.Tests.Support;

/// <summary>
/// Waits for a page's URL by reading it until it matches. Playwright's <c>WaitForURLAsync</c> cannot serve here: on a
/// URL that already matches (the navigation landed before the call, as a Blazor page's own navigation can) it waits for
/// the document's load event whatever <c>WaitUntil</c> says, and a page showing a live MJPEG picture never loads, so
/// the wait ran to its timeout now and then.
/// </summary>
public static class PageUrl
{
    public static Task WaitForUrlAsync(this IPage page, Func<string, bool> matches, string because, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(() => matches(page.Url), because, timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>Until the page is at <paramref name="path"/> (with any query).</summary>
    public static Task WaitForPathAsync(this IPage page, string path, TimeSpan? timeout = null) =>
        page.WaitForUrlAsync(url => new Uri(url).AbsolutePath == path, $"the page is at {path}", timeout);

    /// <summary>Until the sign-in form has sent the browser on (the form's own URL is /account/login).</summary>
    public static Task WaitForSignedInAsync(this IPage page, TimeSpan? timeout = null) =>
        page.WaitForUrlAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), "the sign-in form has sent the browser on", timeout);
}
