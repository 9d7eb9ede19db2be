using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Streaming.Cameras;

namespace Streaming.Sources.Http;

/// <summary>
/// Sends an Http camera's GET requests: answers a Basic or Digest challenge with the camera's credentials (and
/// keeps answering it up front, so a polled snapshot costs one round trip), follows redirects itself and sends
/// credentials only to the origin (scheme, host, port) of the configured URL. Failures become
/// <see cref="FrameSourceException"/>s whose messages name the URL without its query or user info.
/// </summary>
internal sealed class HttpCameraRequests(HttpClient client, Uri url, NetworkCredential? credentials)
{
    private const int MaxRedirects = 5;

    private AuthenticationHeaderValue? _basic;
    private DigestChallenge? _digest;
    private int _digestCount;
    private string _clientNonce = DigestChallenge.NewClientNonce();

    /// <summary>The URL as messages show it: scheme, host, port and path.</summary>
    public string Display { get; } = Describe(url);

    /// <summary>The URL without user info (that is the credentials' place, not the request line's).</summary>
    public Uri Target { get; } = new UriBuilder(url) { UserName = "", Password = "" }.Uri;

    public static string Describe(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return url.Query.Length > 1 ? text + "?..." : text;
    }

    /// <summary>Sends the GET and returns the successful response with its headers read (the body still to come).</summary>
    public async Task<HttpResponseMessage> GetAsync(CancellationToken cancellationToken)
    {
        var target = Target;
        var challenges = 0;
        var hops = 0;
        while (true)
        {
            var sameOrigin = Uri.Compare(target, Target, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            if (sameOrigin && credentials is not null)
            {
                request.Headers.Authorization = Authorization(target);
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new FrameSourceException($"Could not reach {Describe(target)}: {ex.HttpRequestError switch
                {
                    HttpRequestError.NameResolutionError => "the host name does not resolve",
                    HttpRequestError.ConnectionError => "the connection failed or was refused",
                    HttpRequestError.SecureConnectionError => "the TLS handshake failed",
                    _ => ex.Message,
                }}.", ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new FrameSourceException($"{Describe(target)} did not answer within {client.Timeout.TotalSeconds:0} s.", ex);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    if (++hops > MaxRedirects)
                    {
                        throw new FrameSourceException($"{Display} redirects more than {MaxRedirects} times.");
                    }

                    target = new Uri(target, location);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    if (!sameOrigin)
                    {
                        throw new FrameSourceException($"{Display} redirects to {Describe(target)}, which asks for a user name and password; the camera's credentials are only sent to {Target.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped)}.");
                    }

                    if (credentials is null)
                    {
                        throw new FrameSourceException($"{Describe(target)} asks for a user name and password ({Challenges(response)}); set UserName and Password.");
                    }

                    // A second refusal in a row is final, unless only the Digest nonce had gone stale.
                    var stale = Learn(response);
                    if (++challenges > 3 || (challenges > 1 && !stale))
                    {
                        throw new FrameSourceException($"{Describe(target)} refused the user name and password (401 Unauthorized).");
                    }

                    continue;
                }

                throw new FrameSourceException($"{Describe(target)} answered {(int)response.StatusCode} {response.ReasonPhrase}{await BodyHintAsync(response, cancellationToken)}.");
            }
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>Remembers how the server wants to be answered; true when only its Digest nonce had gone stale.</summary>
    private bool Learn(HttpResponseMessage response)
    {
        var offered = response.Headers.WwwAuthenticate;
        var digest = DigestChallenge.Choose(offered.Where(c => c.Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase)).Select(c => c.Parameter ?? ""));
        if (digest is not null)
        {
            var stale = digest.Stale && _digest is not null;
            _digest = digest;
            _digestCount = 0;
            _clientNonce = DigestChallenge.NewClientNonce();
            _basic = null;
            return stale;
        }

        if (offered.Any(c => c.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)))
        {
            var pair = Encoding.UTF8.GetBytes($"{credentials!.UserName}:{credentials.Password}");
            _basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(pair));
            _digest = null;
            return false;
        }

        throw new FrameSourceException($"{Display} asks for an authentication scheme this camera kind does not speak ({Challenges(response)}); Basic and Digest (MD5, SHA-256, qop=auth) are supported.");
    }

    private AuthenticationHeaderValue? Authorization(Uri target)
    {
        if (_digest is { } digest)
        {
            var answer = digest.Answer(credentials!.UserName, credentials.Password, "GET", target.PathAndQuery, ++_digestCount, _clientNonce);
            return new AuthenticationHeaderValue("Digest", answer);
        }

        return _basic;
    }

    private static string Challenges(HttpResponseMessage response) =>
        response.Headers.WwwAuthenticate.Count == 0
            ? "no WWW-Authenticate header"
            : string.Join(", ", response.Headers.WwwAuthenticate.Select(c => c.Scheme).Distinct(StringComparer.OrdinalIgnoreCase));

    private static async Task<string> BodyHintAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not { } type || !type.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return "";
        }

        var head = new byte[200];
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var read = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return read == 0 ? "" : $": {Parsing.ByteSummary.Describe(head.AsSpan(0, read))}";
    }

    /// <summary>The camera's UserName and Password, else those in its URL (<c>http://user:password@host/</c>); null for none.</summary>
    public static NetworkCredential? CredentialsFor(CameraDefinition camera, Uri url)
    {
        if (!string.IsNullOrEmpty(camera.UserName))
        {
            return new NetworkCredential(camera.UserName, camera.Password ?? "");
        }

        // http://user:password@host/... works too, as it does in browsers and ffmpeg.
        if (url.UserInfo.Length == 0)
        {
            return null;
        }

        var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new NetworkCredential(Uri.UnescapeDataString(url.UserInfo), "")
            : new NetworkCredential(Uri.UnescapeDataString(url.UserInfo[..colon]), Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]));
    }
}
