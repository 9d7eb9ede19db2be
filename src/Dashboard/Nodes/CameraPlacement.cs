using System.Globalization;
using Microsoft.Extensions.Options;
using Streaming.Cameras;

namespace Dashboard.Nodes;

/// <summary>
/// How a stored camera runs on this node. A camera that names another node (<see cref="CameraDefinition.Node"/>) is
/// captured there only, so its device, file or program is never opened twice: here it becomes an <c>Http</c> camera
/// reading that node's feed, whose JPEGs and capture times pass through untouched (the owner has applied the image
/// adjustments already). Every other camera runs as stored. Every camera placed here uses this node's one current
/// credential (<see cref="NodePeerCredential"/>), so placing a camera again changes its password (which reopens the source)
/// only once that credential is half way through its lifetime.
/// </summary>
public sealed class CameraPlacement(NodeDirectory nodes, NodePeerCredential peers, IOptions<NodeOptions> options, TimeProvider time)
{
    private Credential? _credential;

    public bool CapturedHere(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return string.IsNullOrEmpty(camera.Node) || string.Equals(camera.Node, options.Value.Name, StringComparison.OrdinalIgnoreCase);
    }

    public async Task<ConfiguredCamera> PlaceAsync(CameraDefinition camera, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(camera);
        if (CapturedHere(camera))
        {
            return new ConfiguredCamera(camera);
        }

        if (await nodes.AddressOfAsync(camera.Node!, cancellationToken) is not { } owner)
        {
            return new ConfiguredCamera(camera, [new SettingProblem(nameof(CameraDefinition.Node), $"Node '{camera.Node}', which captures this camera, has not started on this database yet.")]);
        }

        var feed = new Uri(owner, string.Create(CultureInfo.InvariantCulture, $"video_feed/{Uri.EscapeDataString(camera.Id)}?client=node%3A{Uri.EscapeDataString(options.Value.Name)}"));
        return new ConfiguredCamera(new CameraDefinition
        {
            Id = camera.Id,
            Name = camera.Name,
            Kind = CameraKind.Http,
            Node = camera.Node,
            Width = camera.Width,
            Height = camera.Height,
            Fps = camera.Fps,
            JpegQuality = camera.JpegQuality,
            Enabled = camera.Enabled,
            Url = feed.ToString(),
            UserName = NodePeerCredential.UserName,
            Password = CurrentCredential(),
        });
    }

    /// <summary>True when the camera reads another node's feed with a credential that is half way through its lifetime or past it.</summary>
    public bool NeedsNewCredential(CameraDefinition camera)
    {
        ArgumentNullException.ThrowIfNull(camera);
        return camera is { Kind: CameraKind.Http, UserName: NodePeerCredential.UserName }
            && !CapturedHere(camera)
            && !(peers.ExpiresAt(camera.Password) > time.GetUtcNow() + options.Value.PeerCredentialLifetime / 2);
    }

    private string CurrentCredential()
    {
        var now = time.GetUtcNow();
        if (Volatile.Read(ref _credential) is { } current && now < current.RenewAt)
        {
            return current.Secret;
        }

        var made = new Credential(peers.For(options.Value.Name), now + options.Value.PeerCredentialLifetime / 2);
        Volatile.Write(ref _credential, made);
        return made.Secret;
    }

    private sealed record Credential(string Secret, DateTimeOffset RenewAt);
}
