using Microsoft.AspNetCore.Identity;

namespace Dashboard.Access.Users.Components;

/// <summary>Identity's password rules as one sentence, for the help text under a password field.</summary>
internal static class PasswordRulesText
{
    public static string Describe(PasswordOptions rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var needs = new List<string>();
        if (rules.RequireUppercase)
        {
            needs.Add("an upper-case letter");
        }

        if (rules.RequireLowercase)
        {
            needs.Add("a lower-case letter");
        }

        if (rules.RequireDigit)
        {
            needs.Add("a digit");
        }

        if (rules.RequireNonAlphanumeric)
        {
            needs.Add("a symbol");
        }

        var text = $"At least {rules.RequiredLength} characters";
        return needs.Count == 0 ? text + "." : $"{text}, with {string.Join(", ", needs[..^1])}{(needs.Count > 1 ? " and " : "")}{needs[^1]}.";
    }
}
