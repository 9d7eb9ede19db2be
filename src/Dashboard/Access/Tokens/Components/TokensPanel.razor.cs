using System.Security.Claims;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Access.Tokens.Components;

/// <summary>
/// One user's machine tokens (<see cref="IssuedSecretsPanel{TSecret, TCreated}"/>). <see cref="MachineTokenService"/> checks
/// on every call that the acting user is the owner or an admin, so reaching this component for someone else's account
/// gives a refusal, not the tokens.
/// </summary>
public sealed partial class TokensPanel
{
    private int _days;

    [Inject]
    private MachineTokenService Tokens { get; set; } = default!;

    /// <summary>The owner's id.</summary>
    [Parameter, EditorRequired]
    public string UserId { get; set; } = "";

    /// <summary>The owner's name, for the text when an admin looks at someone else's tokens.</summary>
    [Parameter]
    public string UserName { get; set; } = "";

    protected override IssuedSecretService<MachineToken> Service => Tokens;

    protected override string OwnerId => UserId;

    protected override string What => "token";

    protected override string RevokeConsequence => "What uses it is cut off at once, on every node, and the token stops working for good.";

    private bool Own => Actor.FindFirstValue(ClaimTypes.NameIdentifier) == UserId;

    protected override Task<ChangeResult<CreatedMachineToken>> IssueAsync(ClaimsPrincipal actor)
    {
        var expiresAt = _days > 0 ? Time.GetUtcNow().AddDays(_days) : (DateTimeOffset?)null;
        return Tokens.CreateAsync(actor, new NewMachineToken(UserId, NewName, expiresAt));
    }

    protected override MachineToken IssuedOf(CreatedMachineToken created) => created.Token;

    protected override void ClearForm()
    {
        base.ClearForm();
        _days = 0;
    }

    private static string State(MachineToken token, DateTimeOffset now) =>
        token.RevokedAt is not null ? "Revoked" : token.ExpiresAt <= now ? "Expired" : "Active";
}
