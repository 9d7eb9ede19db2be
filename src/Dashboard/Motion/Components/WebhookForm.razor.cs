using Dashboard.Access;
using Microsoft.AspNetCore.Components;
using Streaming.Cameras;

namespace Dashboard.Motion.Components;

/// <summary>Adds or edits a webhook; the owner saves it and the problems come back next to their fields.</summary>
public sealed partial class WebhookForm
{
    private string _name = "";
    private string _url = "";
    private string _secret = "";
    private bool _secretSet;
    private ChangeResult? _result;
    private bool _busy;
    private bool _started;
    private WebhookView? _shown;

    /// <summary>The stored webhook to edit; null for a new one.</summary>
    [Parameter]
    public WebhookView? Webhook { get; set; }

    [Parameter, EditorRequired]
    public Func<WebhookChange, Task<ChangeResult>> Save { get; set; } = default!;

    [Parameter]
    public EventCallback Cancel { get; set; }

    protected override void OnParametersSet()
    {
        // The page renders again on live changes: only another stored webhook replaces what is being typed.
        if (_started && ReferenceEquals(Webhook, _shown))
        {
            return;
        }

        (_started, _shown) = (true, Webhook);
        (_name, _url, _secretSet) = (Webhook?.Name ?? "", Webhook?.Url ?? "", Webhook?.SecretSet == true);
        _secret = _secretSet ? Redaction.Mask : "";
    }

    private string? ErrorOf(string field) => _result?.ErrorFor(field);

    private async Task SaveAsync()
    {
        _busy = true;
        try
        {
            _result = await Save(new WebhookChange(Webhook?.Id, _name, _url, _secret));
        }
        finally
        {
            _busy = false;
        }
    }
}
