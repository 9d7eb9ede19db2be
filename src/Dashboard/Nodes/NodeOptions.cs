using System.ComponentModel.DataAnnotations;

namespace Dashboard.Nodes;

/// <summary>
/// This node among several on one database (<c>Nodes</c> section), how often linked remote dashboards are read, and how
/// long a node's credential for another node's feeds lasts.
/// </summary>
public sealed class NodeOptions
{
    public const string SectionName = "Nodes";

    /// <summary>This node's name, what a camera's <c>Node</c> setting names. Default: the machine's host name.</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", ErrorMessage = "Nodes:Name must be 1-64 letters, digits, '-' or '_'.")]
    public string Name { get; set; } = Environment.MachineName;

    /// <summary>
    /// Where the other nodes reach this one (e.g. <c>http://10.0.0.5:5000/</c>), to show the cameras it captures. Needed
    /// only when this node captures a camera that names it.
    /// </summary>
    public Uri? Address { get; set; }

    /// <summary>How often each linked remote dashboard's camera list is read (added and removed cameras show within it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Nodes:RemoteRefresh must be between 1 second and 10 minutes.")]
    public TimeSpan RemoteRefresh { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long the credential a node makes to read a camera another node captures (<see cref="NodePeerCredential"/>) is
    /// accepted. The node makes a new one when half of it has passed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:10:00", "7.00:00:00", ErrorMessage = "Nodes:PeerCredentialLifetime must be between 10 minutes and 7 days.")]
    public TimeSpan PeerCredentialLifetime { get; set; } = TimeSpan.FromHours(24);
}
