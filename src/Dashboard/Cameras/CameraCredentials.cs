using Streaming.Cameras;

namespace Dashboard.Cameras;

/// <summary>
/// Camera credentials are write-only. A form gets the camera with every secret part replaced by
/// <see cref="Redaction.Mask"/>; what it sends back is merged with the stored camera, so a mask left in place
/// keeps the stored secret, a new value replaces it and a removed one clears it. A credential setting of its
/// own (an Http camera's <c>Password</c>) takes the same treatment: masked in <see cref="Mask"/>, the stored
/// value taken back in <see cref="Restore"/> when the mask comes back, and a mask that cannot be matched reported.
/// </summary>
public static class CameraCredentials
{
    /// <summary>The camera as a form may show it.</summary>
    public static CameraDefinition Mask(CameraDefinition camera) => Redaction.Redact(camera);

    /// <summary>True when a setting shows a mask where a stored secret is.</summary>
    public static bool IsMasked(string? text) => text?.Contains(Redaction.Mask, StringComparison.Ordinal) == true;

    /// <summary>The submitted camera with each mask replaced by the stored secret it stands for.</summary>
    public static CameraDefinition Restore(CameraDefinition submitted, CameraDefinition? stored)
    {
        ArgumentNullException.ThrowIfNull(submitted);
        return stored is null ? submitted : submitted with
        {
            Url = RestoreUrl(submitted.Url, stored.Url),
            Arguments = RestoreArguments(submitted.Arguments, stored.Arguments),
            Password = RestorePassword(submitted, stored),
        };
    }

    /// <summary>Masks left after <see cref="Restore"/>: the part they stood in was changed, so the secret must be typed again.</summary>
    public static IEnumerable<SettingProblem> Unresolved(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        const string Retype = "stands for a stored credential, but the part around it changed: type the credential again, or clear it.";
        if (IsMasked(camera.Url))
        {
            yield return new(nameof(CameraDefinition.Url), $"{Redaction.Mask} in the Url {Retype}");
        }

        if (camera.Arguments.Any(IsMasked))
        {
            yield return new(nameof(CameraDefinition.Arguments), $"{Redaction.Mask} in the arguments {Retype}");
        }

        if (camera.Password == Redaction.Mask)
        {
            yield return new(nameof(CameraDefinition.Password), $"{Redaction.Mask} stands for the stored password, which is only sent to the server it was set for: type the password again for this Url, or clear it.");
        }
    }

    /// <summary>The URL without its userinfo and without its credential parameters.</summary>
    public static string? WithoutCredentials(string? url)
    {
        if (url is null || !url.Contains("://", StringComparison.Ordinal))
        {
            return url;
        }

        var parts = UrlParts.Parse(url);
        var kept = parts.Pairs.Where(p => !Redaction.IsCredentialName(p.Name)).Select(p => p.Value is null ? p.Name : $"{p.Name}={p.Value}").ToList();
        return (parts with { UserInfo = null, Query = kept.Count == 0 ? null : string.Join('&', kept) }).ToString();
    }

    // The stored password goes only where it went before: to the same scheme, host and port (a new Url elsewhere needs it typed again).
    private static string? RestorePassword(CameraDefinition submitted, CameraDefinition stored) =>
        submitted.Password == Redaction.Mask && stored.Password is { Length: > 0 } password && SameOrigin(RestoreUrl(submitted.Url, stored.Url), stored.Url)
            ? password
            : submitted.Password;

    private static bool SameOrigin(string? url, string? other) =>
        Uri.TryCreate(url, UriKind.Absolute, out var a) && Uri.TryCreate(other, UriKind.Absolute, out var b)
            && Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static string? RestoreUrl(string? edited, string? stored)
    {
        if (!IsMasked(edited) || stored is null)
        {
            return edited;
        }

        if (edited == Redaction.RedactUrl(stored))
        {
            return stored;
        }

        if (!edited!.Contains("://", StringComparison.Ordinal) || !stored.Contains("://", StringComparison.Ordinal))
        {
            return edited;
        }

        var mine = UrlParts.Parse(edited);
        var theirs = UrlParts.Parse(stored);
        var storedPairs = theirs.Pairs.ToList();
        var pairs = mine.Pairs.Select<(string Name, string? Value), (string Name, string? Value)>(pair =>
        {
            if (pair.Value != Redaction.Mask)
            {
                return pair;
            }

            var index = storedPairs.FindIndex(p => string.Equals(p.Name, pair.Name, StringComparison.OrdinalIgnoreCase) && p.Value is not null);
            if (index < 0)
            {
                return pair;
            }

            var value = storedPairs[index].Value;
            storedPairs.RemoveAt(index);
            return (pair.Name, value);
        });
        return (mine with
        {
            UserInfo = mine.UserInfo == Redaction.Mask ? theirs.UserInfo : mine.UserInfo,
            Query = mine.Query is null ? null : string.Join('&', pairs.Select(p => p.Value is null ? p.Name : $"{p.Name}={p.Value}")),
        }).ToString();
    }

    private static IReadOnlyList<string> RestoreArguments(IReadOnlyList<string> edited, IReadOnlyList<string> stored)
    {
        if (!edited.Any(IsMasked))
        {
            return edited;
        }

        var masked = Redaction.RedactArguments(stored);
        if (edited.SequenceEqual(masked))
        {
            return stored;
        }

        // A mask stands for the stored argument that masks the same way after the same option; the one in the same place first.
        var used = new bool[stored.Count];
        var restored = new List<string>(edited.Count);
        for (var i = 0; i < edited.Count; i++)
        {
            var argument = edited[i];
            if (!IsMasked(argument))
            {
                restored.Add(argument);
                continue;
            }

            var before = i > 0 ? edited[i - 1] : null;
            bool Matches(int j) => !used[j] && masked[j] == argument && (j > 0 ? masked[j - 1] : null) == before;
            var match = i < stored.Count && Matches(i) ? i : Enumerable.Range(0, stored.Count).Where(Matches).DefaultIfEmpty(-1).First();
            if (match >= 0)
            {
                used[match] = true;
                restored.Add(stored[match]);
            }
            else
            {
                restored.Add(i < stored.Count ? RestoreUrl(argument, stored[i])! : argument);
            }
        }

        return restored;
    }
}
