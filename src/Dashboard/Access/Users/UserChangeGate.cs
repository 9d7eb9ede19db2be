namespace Dashboard.Access.Users;

/// <summary>
/// Account changes run one at a time across the app (a singleton), so two admins demoting each other cannot
/// leave no admin. Reads take it too: each circuit's <see cref="UserAdministration"/> has one database context.
/// </summary>
public sealed class UserChangeGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Exit(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
