namespace Dashboard.Data;

/// <summary>Initializes the database during start-up, so a broken database fails the start with its error.</summary>
internal sealed class DatabaseInitializerService(DatabaseInitializer initializer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initializer.EnsureInitializedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
