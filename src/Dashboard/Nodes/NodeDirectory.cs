using System.Collections.Concurrent;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Nodes;

/// <summary>The nodes on this database and the addresses they announced (<see cref="NodeAnnouncer"/>), read once and kept.</summary>
public sealed class NodeDirectory(IDbContextFactory<DashboardDbContext> contexts)
{
    private readonly ConcurrentDictionary<string, Uri> _addresses = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where a node is reached, as it announced itself (null: it never started on this database).</summary>
    public async Task<Uri?> AddressOfAsync(string node, CancellationToken cancellationToken)
    {
        if (_addresses.TryGetValue(node, out var known))
        {
            return known;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.ClusterNodes.AsNoTracking().FirstOrDefaultAsync(n => n.Name == node, cancellationToken);
        return stored is not null && Uri.TryCreate(stored.Address, UriKind.Absolute, out var address) ? _addresses[node] = address : null;
    }

    /// <summary>Forgets what was read, so the next look-up reads the database (another node announced itself).</summary>
    public void Forget() => _addresses.Clear();
}
