using Dashboard.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Streaming.Cameras;

namespace Dashboard.Tests.Nodes;

/// <summary>
/// The credential a node reads another node's feeds with holds its expiry: accepted for <c>Nodes:PeerCredentialLifetime</c>,
/// refused after it (and when sealed with other keys or in the old form, without an expiry). Cameras placed on the reading
/// node share one credential until half of it has passed; then they need, and get, a new one.
/// </summary>
public sealed class PeerCredentialTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly EphemeralDataProtectionProvider _keys = new();
    private readonly IOptions<NodeOptions> _options = Options.Create(new NodeOptions { Name = "b", PeerCredentialLifetime = Lifetime });
    private readonly InMemoryDashboardDb _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void ACredentialIsAcceptedUntilItsLifetimeHasPassedAndRefusedAfter()
    {
        var peers = new NodePeerCredential(_keys, _options, _time);
        var secret = peers.For("b");

        Assert.Equal("b", peers.Read(secret));
        Assert.Equal(Start + Lifetime, peers.ExpiresAt(secret));
        _time.Advance(Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal("b", peers.Read(secret));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(peers.Read(secret));
    }

    [Fact]
    public void ACredentialSealedWithOtherKeysOrWithoutAnExpiryIsRefused()
    {
        var peers = new NodePeerCredential(_keys, _options, _time);
        var otherKeys = new NodePeerCredential(new EphemeralDataProtectionProvider(), _options, _time);
        var withoutExpiry = NodePeerCredential.Prefix + _keys.CreateProtector("Dashboard.Nodes.Peer.v1").Protect("b");

        Assert.Null(peers.Read(otherKeys.For("b")));
        Assert.Null(peers.Read(withoutExpiry));
        Assert.Null(peers.Read(NodePeerCredential.Prefix + "not-sealed"));
        Assert.Null(peers.ExpiresAt(withoutExpiry));
    }

    [Fact]
    public async Task PlacedCamerasKeepOneCredentialUntilHalfItsLifetimeThenNeedAndGetANewOne()
    {
        await using (var db = _db.CreateDbContext())
        {
            db.ClusterNodes.Add(new ClusterNode { Name = "a", Address = "http://127.0.0.1:5001/", StartedAt = Start });
            await db.SaveChangesAsync();
        }

        var peers = new NodePeerCredential(_keys, _options, _time);
        var placement = new CameraPlacement(new NodeDirectory(_db), peers, _options, _time);
        var porch = new CameraDefinition { Id = "porch", Name = "Porch", Node = "a" };

        var first = (await placement.PlaceAsync(porch)).Definition;
        Assert.Equal(CameraKind.Http, first.Kind);
        Assert.False(placement.NeedsNewCredential(first));
        _time.Advance(Lifetime / 2 - TimeSpan.FromSeconds(1));
        Assert.Equal(first.Password, (await placement.PlaceAsync(porch)).Definition.Password);
        Assert.False(placement.NeedsNewCredential(first));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(placement.NeedsNewCredential(first));
        var renewed = (await placement.PlaceAsync(porch)).Definition;
        Assert.NotEqual(first.Password, renewed.Password);
        Assert.Equal(_time.GetUtcNow() + Lifetime, peers.ExpiresAt(renewed.Password));
        Assert.False(placement.NeedsNewCredential(renewed));
        Assert.Equal("b", peers.Read(renewed.Password));
    }

    [Fact]
    public void ACameraCapturedHereOrReadWithAnotherCredentialNeverNeedsANewOne()
    {
        var placement = new CameraPlacement(new NodeDirectory(_db), new NodePeerCredential(_keys, _options, _time), _options, _time);

        Assert.False(placement.NeedsNewCredential(new CameraDefinition { Id = "yard", Name = "Yard" }));
        Assert.False(placement.NeedsNewCredential(new CameraDefinition { Id = "shed-porch", Name = "Porch", Kind = CameraKind.Http, UserName = "token", Password = "cdt_x" }));
    }
}
