using System.Text.Json;
using System.Text.Json.Serialization;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Tiles;

/// <summary>
/// Remembers small per-user choices (theme, grid layout) as JSON in the <c>UserPreferences</c> table, so
/// they follow the user to any browser.
/// </summary>
public sealed partial class UserPreferenceStore(IDbContextFactory<DashboardDbContext> contexts, ILogger<UserPreferenceStore> logger)
{
    /// <summary>The name preferences are kept under while nobody is signed in.</summary>
    public const string AnonymousUser = "anonymous";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The stored value, or <paramref name="fallback"/> when there is none or it cannot be read.</summary>
    public async Task<T> LoadAsync<T>(string userName, string key, T fallback, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.UserPreferences.AsNoTracking()
            .Where(p => p.UserName == userName && p.Key == key)
            .Select(p => p.Value)
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return fallback;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(stored, Json) ?? fallback;
        }
        catch (JsonException ex)
        {
            LogUnreadable(logger, ex, key, userName);
            return fallback;
        }
    }

    public async Task SaveAsync<T>(string userName, string key, T value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        var json = JsonSerializer.Serialize(value, Json);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var row = await db.UserPreferences.FindAsync([userName, key], cancellationToken);
            if (row is null)
            {
                db.UserPreferences.Add(new UserPreference { UserName = userName, Key = key, Value = json });
            }
            else
            {
                row.Value = json;
                row.UpdatedAt = DateTimeOffset.UtcNow;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 1)
            {
                // Another tab of the same user inserted the row first: update it instead.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored preference {Key} of {UserName} is not readable; using the default")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, string key, string userName);
}
