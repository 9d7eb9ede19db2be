using Microsoft.Extensions.Options;

namespace Dashboard.Motion;

/// <summary>Checks the webhooks at start: each problem names the webhook and the setting.</summary>
internal sealed class MotionAlertOptionsValidator : IValidateOptions<MotionAlertOptions>
{
    public const int MinSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, MotionAlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.PublicUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            problems.Add("Motion:PublicUrl must be an absolute http:// or https:// address.");
        }

        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var hook = options.Webhooks[i];
            if (hook.Url is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
            {
                problems.Add($"Motion:Webhooks:{i}:Url must be an absolute http:// or https:// address.");
            }

            if (hook.Secret.Length < MinSecretLength)
            {
                problems.Add($"Motion:Webhooks:{i}:Secret must be at least {MinSecretLength} characters.");
            }
        }

        if (options.Mqtt.Enabled && Uri.CheckHostName(options.Mqtt.Host) == UriHostNameType.Unknown)
        {
            problems.Add("Motion:Mqtt:Host must be a host name or an IP address.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
