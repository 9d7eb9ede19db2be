using Streaming.Cameras;

namespace Dashboard.Cameras;

/// <summary>
/// Camera credentials are write-only. A form gets the camera with every secret part replaced by
/// <see cref="Redaction.Mask"/>; what it sends back is merged with the stored camera, so a mask left in place
/// keeps the stored secret, a new value replaces it and a removed one clears it. A new credential setting
/// (an Http camera's <c>Password</c>) takes the same treatment: mask it in <see cref="Mask"/>, take the stored
/// value back in <see cref="Restore"/> when the mask comes back, and report a mask that cannot be matched.
/// </summary>
public static class CameraCredentials
{
    /// <summary>The camera as a form may show it.</summary>
    public static CameraDefinition Mask(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return camera with { Url = Redaction.RedactUrl(camera.Url), Arguments = Redaction.RedactArguments(camera.Arguments) };
    }

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
