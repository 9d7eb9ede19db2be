using System.Security.Claims;
using Dashboard.Data;
using Dashboard.Nodes;
using Microsoft.EntityFrameworkCore;
using Streaming.Cameras;

namespace Dashboard.Access;

/// <summary>
/// What the services of share links and machine tokens share: every call checks the acting user itself
/// (<see cref="DemandAsync"/>), whatever the page showed, and answers a <see cref="ChangeResult"/>; the secrets of one
/// owner (a camera, a user) are listed newest first; revoking one ends what it serves on every node at once.
/// <see cref="IssuedSecretKind"/> says how messages name the secret and what its revocation tells the other nodes.
/// </summary>
public abstract class IssuedSecretService<TSecret>(
    IDbContextFactory<DashboardDbContext> contexts,
    IChangeBus changes,
    TimeProvider time,
    IssuedSecretKind kind)
    where TSecret : IssuedSecret
{
    protected IDbContextFactory<DashboardDbContext> Contexts => contexts;

    protected TimeProvider Time => time;

    /// <summary>
    /// Null when the acting user may manage the secrets of <paramref name="ownerId"/>; the refusal otherwise.
    /// <paramref name="ownerId"/> is null for a secret that does not exist.
    /// </summary>
    protected abstract Task<ChangeResult?> DemandAsync(ClaimsPrincipal actor, string? ownerId);

    /// <summary>The owner's secrets among <paramref name="secrets"/>.</summary>
    protected abstract IQueryable<TSecret> OwnedBy(IQueryable<TSecret> secrets, string ownerId);

    protected abstract string OwnerOf(TSecret secret);

    /// <summary>A new, unsaved secret of the owner (only the owner set: <see cref="IssueAsync"/> fills in the rest).</summary>
    protected abstract TSecret NewOf(string ownerId);

    /// <summary>What is wrong with the owner of a new secret (no such camera, no such enabled user); null when nothing is.</summary>
    protected abstract Task<string?> OwnerProblemAsync(DashboardDbContext db, string ownerId, CancellationToken cancellationToken);

    /// <summary>Ends the requests the secret is serving on this node.</summary>
    protected abstract void EndUses(Guid id);

    /// <summary>
    /// Makes a secret for <paramref name="ownerId"/>, or says per field what is wrong with the request (the requests'
    /// property names: Name, ExpiresAt and the owner's). Only its hash is stored; the secret itself is only in the answer.
    /// </summary>
    protected async Task<ChangeResult<TCreated>> IssueAsync<TCreated>(
        ClaimsPrincipal actor,
        string ownerId,
        string? name,
        DateTimeOffset? expiresAt,
        Func<TSecret, string, TCreated> created,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(created);
        if (await DemandAsync(actor, ownerId) is { } refused)
        {
            return refused.As<TCreated>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var problems = Validate(name, expiresAt);
        if (await OwnerProblemAsync(db, ownerId, cancellationToken) is { } ownerProblem)
        {
            problems.Add(new(kind.OwnerField, ownerProblem));
        }

        if (problems.Count > 0)
        {
            return ChangeResult.Invalid(problems).As<TCreated>();
        }

        var secret = kind.SecretPrefix + SecretHash.NewSecret();
        var issued = NewOf(ownerId);
        issued.Name = name!.Trim();
        issued.TokenHash = SecretHash.Of(secret);
        issued.CreatedBy = actor.Identity?.Name ?? "?";
        issued.CreatedAt = time.GetUtcNow();
        issued.ExpiresAt = expiresAt;
        db.Set<TSecret>().Add(issued);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult.Ok(created(issued, secret));
    }

    /// <summary>The owner's secrets, newest first, revoked and expired ones included.</summary>
    public async Task<ChangeResult<IReadOnlyList<TSecret>>> ListAsync(ClaimsPrincipal actor, string ownerId, CancellationToken cancellationToken = default)
    {
        if (await DemandAsync(actor, ownerId) is { } refused)
        {
            return refused.As<IReadOnlyList<TSecret>>();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var secrets = await OwnedBy(db.Set<TSecret>().AsNoTracking(), ownerId).ToListAsync(cancellationToken);
        return ChangeResult.Ok<IReadOnlyList<TSecret>>([.. secrets.OrderByDescending(s => s.CreatedAt)]);
    }

    /// <summary>Revokes a secret and ends the requests it is serving, on every node; NotFound if there is no such active one.</summary>
    public async Task<ChangeResult> RevokeAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var secret = await db.Set<TSecret>().FindAsync([id], cancellationToken);
        if (await DemandAsync(actor, secret is null ? null : OwnerOf(secret)) is { } refused)
        {
            return refused;
        }

        if (secret is null || secret.RevokedAt is not null)
        {
            return ChangeResult.NotFound($"That {kind.Word} does not exist or is revoked already.");
        }

        secret.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        EndUses(id);
        await changes.PublishAsync(new NodeChange(kind.RevokedChange, id.ToString()), cancellationToken);
        return ChangeResult.Done;
    }

    private List<SettingProblem> Validate(string? name, DateTimeOffset? expiresAt)
    {
        var problems = new List<SettingProblem>();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            problems.Add(new(nameof(IssuedSecret.Name), $"Enter a name, e.g. {kind.NameExample}."));
        }
        else if (trimmed.Length > IssuedSecret.MaxNameLength)
        {
            problems.Add(new(nameof(IssuedSecret.Name), $"Use at most {IssuedSecret.MaxNameLength} characters (this is {trimmed.Length})."));
        }

        if (expiresAt is { } at && at <= time.GetUtcNow())
        {
            problems.Add(new(nameof(IssuedSecret.ExpiresAt), $"Pick a time in the future, or leave it empty for a {kind.Word} that lasts until revoked."));
        }

        return problems;
    }
}

/// <summary>
/// What tells one kind of <see cref="IssuedSecret"/> from the other: its <paramref name="Word"/> in messages ("link"),
/// the hint for an empty name, the request's owner field (for the owner's problems), what a new secret starts with (so
/// a verifier tells it from other bearer values) and the change that tells the other nodes of a revocation.
/// </summary>
public sealed record IssuedSecretKind(string Word, string NameExample, string OwnerField, string SecretPrefix, NodeChangeKind RevokedChange);
