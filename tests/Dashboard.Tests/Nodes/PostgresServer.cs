namespace Dashboard.Tests.Nodes;

/// <summary>Test classes that need PostgreSQL share one throwaway server (each takes a database of its own).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresServer : ICollectionFixture<ThrowawayPostgres>
{
    public const string Name = "PostgreSQL";
}
