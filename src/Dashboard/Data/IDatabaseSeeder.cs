namespace Dashboard.Data;

/// <summary>Something that fills the database on start (after migrations): first-run cameras, roles, the first admin.</summary>
public interface IDatabaseSeeder
{
    /// <summary>Seeders run in ascending order.</summary>
    int Order { get; }

    Task SeedAsync(DashboardDbContext db, CancellationToken cancellationToken);
}
