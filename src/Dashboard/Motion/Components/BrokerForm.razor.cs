using Dashboard.Access;
using Microsoft.AspNetCore.Components;
using Streaming.Cameras;

namespace Dashboard.Motion.Components;

/// <summary>Edits the public address and the broker; the owner saves them and the problems come back next to their fields.</summary>
public sealed partial class BrokerForm
{
    private string? _publicUrl;
    private bool _enabled;
    private string? _host;
    private int _port;
    private bool _useTls;
    private string? _userName;
    private string? _password;
    private bool _passwordSet;
    private string _topicPrefix = "";
    private string _discoveryPrefix = "";
    private ChangeResult? _result;
    private bool _busy;
    private BrokerView? _shown;

    [Parameter, EditorRequired]
    public BrokerView Broker { get; set; } = default!;

    [Parameter]
    public string? PublicUrl { get; set; }

    [Parameter, EditorRequired]
    public Func<BrokerChange, Task<ChangeResult>> Save { get; set; } = default!;

    protected override void OnParametersSet()
    {
        // The page renders again on live changes: only new stored settings replace what is being typed.
        if (ReferenceEquals(Broker, _shown))
        {
            return;
        }

        var b = _shown = Broker;
        (_publicUrl, _enabled, _host, _port, _useTls, _userName, _passwordSet, _topicPrefix, _discoveryPrefix) =
            (PublicUrl, b.Enabled, b.Host, b.Port, b.UseTls, b.UserName, b.PasswordSet, b.TopicPrefix, b.DiscoveryPrefix);
        _password = _passwordSet ? Redaction.Mask : "";
    }

    private string? ErrorOf(string field) => _result?.ErrorFor(field);

    private void ClearPassword() => _password = "";

    private async Task SaveAsync()
    {
        _busy = true;
        try
        {
            _result = await Save(new BrokerChange(_publicUrl, _enabled, _host, _port, _useTls, _userName, _password, _topicPrefix, _discoveryPrefix));
        }
        finally
        {
            _busy = false;
        }
    }
}
