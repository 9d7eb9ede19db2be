
namespace Dashboard.Tiles;

/// <summary>Remembers each user's <see cref="GridPreference"/> (key <c>grid</c> in the user preference store).</summary>
public sealed class GridPreferences(UserPreferenceStore store)
{
    public const string Key = "grid";

    /// <summary>The name preferences are kept under while nobody is signed in.</summary>
    public const string AnonymousUser = UserPreferenceStore.AnonymousUser;

    public Task<GridPreference> LoadAsync(string userName, CancellationToken cancellationToken = default) =>
        store.LoadAsync(userName, Key, GridPreference.Default, cancellationToken);

    public Task SaveAsync(string userName, GridPreference preference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(preference);
        return store.SaveAsync(userName, Key, preference, cancellationToken);
    }
}
