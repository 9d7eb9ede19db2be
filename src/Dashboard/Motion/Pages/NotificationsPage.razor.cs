using System.Security.Claims;
using Dashboard.Access;
using Dashboard.Cameras.Components;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Motion.Pages;

/// <summary>
/// The webhooks (add, edit, delete, send a test, the latest deliveries), the MQTT broker with its connection, and the
/// public address; deliveries and the connection follow live. The service checks the role whatever this page shows.
/// </summary>
public sealed partial class NotificationsPage
{
    private static readonly Guid NewWebhook = Guid.Empty;
    private readonly Dictionary<Guid, WebhookDelivery> _tests = [];
    private ClaimsPrincipal _actor = new();
    private NotificationsView? _view;
    private string? _refusal;
    private Guid? _editing;
    private bool _busy;
    private AuditLog? _log;

    [Inject]
    private NotificationAdministration Administration { get; set; } = default!;

    [Inject]
    private WebhookDeliveries Deliveries { get; set; } = default!;

    [Inject]
    private MqttPublisher Publisher { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _actor = await ActorAsync();
        await ReloadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            Deliveries.Recorded += OnLiveChange;
            Publisher.StateChanged += OnLiveChange;
        }
    }

    public void Dispose()
    {
        Deliveries.Recorded -= OnLiveChange;
        Publisher.StateChanged -= OnLiveChange;
    }

    private void OnLiveChange(object? sender, EventArgs e) => _ = InvokeAsync(StateHasChanged);

    private List<WebhookDelivery> DeliveriesOf(WebhookView webhook) =>
        [.. Deliveries.Latest.Where(d => d.Webhook == webhook.Name).Take(10)];

    private void CloseForm() => _editing = null;

    private async Task<ChangeResult> SaveWebhookAsync(WebhookChange change)
    {
        var result = await Administration.SaveWebhookAsync(_actor, change);
        if (result.Succeeded)
        {
            _editing = null;
        }

        await AfterAsync(result);
        return result;
    }

    private async Task DeleteWebhookAsync(WebhookView webhook)
    {
        _busy = true;
        try
        {
            await AfterAsync(await Administration.DeleteWebhookAsync(_actor, webhook.Id));
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<ChangeResult> SaveBrokerAsync(BrokerChange change)
    {
        var result = await Administration.SaveBrokerAsync(_actor, change);
        await AfterAsync(result);
        return result;
    }

    private async Task SendTestAsync(WebhookView webhook)
    {
        _busy = true;
        try
        {
            var sent = await Administration.SendTestAsync(_actor, webhook.Id);
            if (sent.Value is { } delivery)
            {
                _tests[webhook.Id] = delivery;
            }
            else
            {
                await AfterAsync(sent);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Shows the stored settings after a change (the forms' own events re-render only the forms).</summary>
    private async Task AfterAsync(ChangeResult result)
    {
        if (result.Status == ChangeStatus.Refused)
        {
            _refusal = result.Message;
        }
        else if (result.Status is ChangeStatus.Done or ChangeStatus.NotFound)
        {
            await ReloadAsync();
            if (_log is not null)
            {
                await _log.RefreshAsync();
            }
        }

        StateHasChanged();
    }

    private async Task ReloadAsync()
    {
        var opened = await Administration.OpenAsync(_actor);
        if (opened.Value is { } view)
        {
            _view = view;
        }
        else
        {
            _refusal = opened.Message;
        }
    }
}
