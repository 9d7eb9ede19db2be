using System.Security.Claims;
using Dashboard.Access;
using Dashboard.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Streaming.Cameras;

namespace Dashboard.Cameras;

/// <summary>
/// Adds, changes and removes cameras: checks the acting user's role and the settings, stores the change,
/// then applies it to the running camera (other cameras and their viewers are not touched).
/// </summary>
public sealed class CameraManagement(
    IDbContextFactory<DashboardDbContext> contexts,
    CameraRegistry cameras,
    IAuthorizationService authorization,
    IOptions<CameraManagementOptions> options,
    CameraAudit audit)
{
    /// <summary>Whether this user may choose the Command kind or change a command line.</summary>
    public async Task<bool> MayEditCommandsAsync(ClaimsPrincipal user) =>
        options.Value.AllowCommandSourcesFromUi && await IsAllowedAsync(user, DashboardPolicies.Administer);

    /// <summary>Why the Command kind is not available to this user (null when it is).</summary>
    public async Task<string?> CommandRestrictionAsync(ClaimsPrincipal user) =>
        !options.Value.AllowCommandSourcesFromUi
            ? "Command cameras run a program on the server, so they are defined in the configuration file (or set Cameras:AllowCommandSourcesFromUi to let admins add them here)."
            : await IsAllowedAsync(user, DashboardPolicies.Administer) ? null : "Only admins may set up Command cameras.";

    /// <summary>A stored camera as the edit form starts from: credentials masked, with its version (null when not stored).</summary>
    public async Task<CameraDraft?> OpenForEditAsync(string cameraId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Cameras.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cameraId, cancellationToken);
        return record is null ? null : new CameraDraft(CameraCredentials.Mask(record.ToDefinition()), record.Version);
    }

    /// <summary>
    /// Every problem with the settings, per setting, as the form shows them. Masked credentials
    /// (<see cref="CameraCredentials"/>) stand for the stored ones.
    /// </summary>
    public async Task<IReadOnlyList<SettingProblem>> ValidateAsync(ClaimsPrincipal user, CameraDefinition camera, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(camera);
        var existing = cameras.Find(camera.Id);
        camera = CameraCredentials.Restore(camera, isNew ? null : existing?.Definition);
        var problems = CameraDefinitionValidator.Validate(camera).Concat(CameraCredentials.Unresolved(camera)).ToList();
        if (isNew && existing is not null)
        {
            problems.Add(new(nameof(CameraDefinition.Id), $"A camera with id '{camera.Id}' already exists."));
        }

        var commandChanged = camera.Kind == CameraKind.Command
            && (existing?.Definition is not { Kind: CameraKind.Command } before || before.Command != camera.Command || !before.Arguments.SequenceEqual(camera.Arguments));
        if (commandChanged && await CommandRestrictionAsync(user) is { } restriction)
        {
            problems.Add(new(nameof(CameraDefinition.Kind), restriction));
        }

        return problems;
    }

    public async Task<CameraChange> AddAsync(ClaimsPrincipal user, CameraDefinition camera, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(camera);
        if (!await IsAllowedAsync(user, DashboardPolicies.Administer))
        {
            return CameraChange.Refused(CameraChange.General, "Only admins may add cameras.");
        }

        var problems = await ValidateAsync(user, camera, isNew: true);
        if (problems.Count > 0)
        {
            return CameraChange.Invalid(problems);
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var order = await db.Cameras.Select(c => (int?)c.SortOrder).MaxAsync(cancellationToken) ?? -1;
            var record = CameraRecord.From(camera, order + 1);
            record.Touch(NameOf(user));
            db.Cameras.Add(record);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Logged before it is applied: pages refresh their log when the registry announces the change.
        await audit.WriteAsync(camera.Id, NameOf(user), "added", CameraDiff.Summarize(camera), cancellationToken);
        await cameras.AddOrUpdateAsync(new ConfiguredCamera(camera), cancellationToken);
        return CameraChange.Done;
    }

    /// <summary>Changes a camera from its current settings (start, stop, controls).</summary>
    public Task<CameraChange> UpdateAsync(ClaimsPrincipal user, CameraDefinition camera, CancellationToken cancellationToken = default) =>
        SaveAsync(user, camera, editedFrom: null, cancellationToken);

    /// <summary>
    /// Saves an edit form started from <paramref name="editedFrom"/>. When someone saved the camera since, nothing is
    /// changed and the refusal says who changed what; masked credentials keep the stored ones.
    /// </summary>
    public async Task<CameraChange> SaveAsync(ClaimsPrincipal user, CameraDefinition camera, CameraDraft? editedFrom, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(camera);
        if (!await IsAllowedAsync(user, DashboardPolicies.Operate))
        {
            return CameraChange.Refused(CameraChange.General, "Only operators and admins may change cameras.");
        }

        CameraDefinition before;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var record = await db.Cameras.FindAsync([camera.Id], cancellationToken);
            if (record is null)
            {
                return CameraChange.Refused(CameraChange.General, $"There is no stored camera '{camera.Id}' (cameras whose settings in the configuration file do not parse are changed there).");
            }

            if (editedFrom is not null && record.Version != editedFrom.Version)
            {
                return Conflict(record, editedFrom);
            }

            before = record.ToDefinition();
            camera = CameraCredentials.Restore(camera, before);
            var problems = await ValidateAsync(user, camera, isNew: false);
            if (problems.Count > 0)
            {
                return CameraChange.Invalid(problems);
            }

            if (await SetDevicePropertiesAsync(camera, cancellationToken) is { } refused)
            {
                return refused;
            }

            record.Apply(camera);
            record.Touch(NameOf(user));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Saved by someone else between reading and writing: report theirs, keep ours out.
                var current = await db.Cameras.AsNoTracking().FirstOrDefaultAsync(c => c.Id == camera.Id, cancellationToken);
                return current is null
                    ? CameraChange.Refused(CameraChange.General, $"Camera '{camera.Id}' was removed while you were editing it.")
                    : Conflict(current, editedFrom ?? new CameraDraft(CameraCredentials.Mask(before), current.Version - 1));
            }
        }

        var action = before.Enabled == camera.Enabled ? "changed" : camera.Enabled ? "started" : "stopped";
        await audit.WriteAsync(camera.Id, NameOf(user), action, CameraDiff.Describe(before, camera), cancellationToken);
        await cameras.AddOrUpdateAsync(new ConfiguredCamera(camera), cancellationToken);
        return CameraChange.Done;
    }

    /// <summary>Starts or stops (pauses) a camera; a stopped camera releases its device.</summary>
    public Task<CameraChange> SetRunningAsync(ClaimsPrincipal user, string cameraId, bool running, CancellationToken cancellationToken = default) =>
        cameras.Find(cameraId) is { } camera
            ? UpdateAsync(user, camera.Definition with { Enabled = running }, cancellationToken)
            : Task.FromResult(CameraChange.Refused(CameraChange.General, $"There is no camera '{cameraId}'."));

    /// <summary>
    /// Device controls that changed are tried on the open device first, so a value the device refuses is
    /// reported (and not stored) instead of failing later.
    /// </summary>
    private async Task<CameraChange?> SetDevicePropertiesAsync(CameraDefinition camera, CancellationToken cancellationToken)
    {
        if (cameras.Find(camera.Id) is not { DeviceControls: { } controls } running)
        {
            return null;
        }

        var known = (await controls.ReadPropertiesAsync(cancellationToken)).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in camera.DeviceProperties)
        {
            if (running.Definition.DeviceProperties.TryGetValue(name, out var current) && current.Equals(value))
            {
                continue;
            }

            var problem = !known.TryGetValue(name, out var property) ? $"This device has no control '{name}'."
                : property.OutOfRange(value) ?? await controls.TrySetAsync(name, value, cancellationToken);
            if (problem is not null)
            {
                return CameraChange.Refused(nameof(CameraDefinition.DeviceProperties), problem);
            }
        }

        return null;
    }

    public async Task<CameraChange> RemoveAsync(ClaimsPrincipal user, string cameraId, CancellationToken cancellationToken = default)
    {
        if (!await IsAllowedAsync(user, DashboardPolicies.Administer))
        {
            return CameraChange.Refused(CameraChange.General, "Only admins may remove cameras.");
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Cameras.Where(c => c.Id == cameraId).ExecuteDeleteAsync(cancellationToken);
            await db.ShareLinks.Where(l => l.CameraId == cameraId && l.RevokedAt == null).ExecuteUpdateAsync(
                update => update.SetProperty(l => l.RevokedAt, DateTimeOffset.UtcNow),
                cancellationToken);
        }

        if (cameras.Find(cameraId)?.Definition is not { } removed)
        {
            return CameraChange.Refused(CameraChange.General, $"There is no camera '{cameraId}'.");
        }

        await audit.WriteAsync(cameraId, NameOf(user), "removed", CameraDiff.Summarize(removed), cancellationToken);
        await cameras.RemoveAsync(cameraId, cancellationToken);
        return CameraChange.Done;
    }

    private static CameraChange Conflict(CameraRecord current, CameraDraft editedFrom)
    {
        var who = current.UpdatedBy ?? "someone";
        var what = CameraDiff.Describe(editedFrom.Camera, CameraCredentials.Mask(current.ToDefinition())) is var shown && shown != CameraDiff.NoChange
            ? shown
            : "a credential, or settings this form does not show";
        return CameraChange.Refused(
            CameraChange.General,
            $"{who} changed this camera at {current.UpdatedAt:yyyy-MM-dd HH:mm:ss} UTC while you were editing it ({what}). Nothing of yours was saved: reload to see the current settings, then make your change again.");
    }

    private static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private async Task<bool> IsAllowedAsync(ClaimsPrincipal user, string policy) =>
        (await authorization.AuthorizeAsync(user, policy)).Succeeded;
}
