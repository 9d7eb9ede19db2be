using Microsoft.Extensions.Options;

namespace Dashboard.Motion;

/// <summary>Checks the webhooks at start: each problem names the webhook and the setting.</summary>
internal sealed class MotionAlertOptionsValidator : IValidateOptions<MotionAlertOptions>
{
    public ValidateOptionsResult Validate(string? name, MotionAlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.PublicUrl is { } url && !NotificationRules.IsHttpUrl(url))
        {
            problems.Add($"Motion:PublicUrl {NotificationRules.HttpUrl}.");
        }

        for (var i = 0; i < options.Webhooks.Count; i++)
        {
            var hook = options.Webhooks[i];
            if (!NotificationRules.IsHttpUrl(hook.Url))
            {
                problems.Add($"Motion:Webhooks:{i}:Url {NotificationRules.HttpUrl}.");
            }

            if (hook.Secret.Length < NotificationRules.MinSecretLength)
            {
                problems.Add($"Motion:Webhooks:{i}:Secret must be at least {NotificationRules.MinSecretLength} characters.");
            }
        }

        if (options.Mqtt.Active && !NotificationRules.IsHost(options.Mqtt.Host))
        {
            problems.Add("Motion:Mqtt:Host must be a host name or an IP address.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
