using System.Security.Claims;
using Dashboard.Access;
using Dashboard.Nodes.Remote;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Nodes.Pages;

/// <summary>Linking and unlinking remote dashboards; the list follows their online state live.</summary>
public sealed partial class RemoteDashboardsPage
{
    private ClaimsPrincipal _actor = new();
    private IReadOnlyList<RemoteDashboard>? _remotes;
    private ChangeResult _result = ChangeResult.Done;
    private string? _refusal;
    private string _id = "";
    private string _name = "";
    private string _url = "";
    private string _token = "";
    private bool _busy;

    [Inject]
    private RemoteDashboardService Remotes { get; set; } = default!;

    [Inject]
    private RemoteCameraDirectory Directory { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _actor = await ActorAsync();
        await ReloadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            Directory.Changed += OnDirectoryChanged;
        }
    }

    public void Dispose() => Directory.Changed -= OnDirectoryChanged;

    private void OnDirectoryChanged(object? sender, EventArgs e) => _ = InvokeAsync(StateHasChanged);

    private string? Error(string field) => _result.ErrorFor(field);

    private async Task LinkAsync()
    {
        _busy = true;
        try
        {
            _result = await Remotes.LinkAsync(_actor, new NewRemoteDashboard(_id, _name, _url, _token));
            if (_result.Succeeded)
            {
                (_id, _name, _url, _token) = ("", "", "", "");
            }

            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task UnlinkAsync(RemoteDashboard remote)
    {
        _busy = true;
        try
        {
            await Remotes.UnlinkAsync(_actor, remote.Id);
            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ReloadAsync()
    {
        var remotes = await Remotes.ListAsync(_actor);
        _remotes = remotes.Value ?? _remotes;
        _refusal = remotes.Succeeded ? null : remotes.Message;
    }
}
