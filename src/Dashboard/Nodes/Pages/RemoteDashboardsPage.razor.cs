using System.Security.Claims;
using Dashboard.Nodes.Remote;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Dashboard.Nodes.Pages;

/// <summary>Linking and unlinking remote dashboards; the list follows their online state live.</summary>
public sealed partial class RemoteDashboardsPage
{
    private ClaimsPrincipal _actor = new();
    private IReadOnlyList<RemoteDashboard>? _remotes;
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
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

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _actor = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
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

    private string? Error(string field) => _errors.GetValueOrDefault(field);

    private async Task LinkAsync()
    {
        _busy = true;
        try
        {
            var change = await Remotes.LinkAsync(_actor, new NewRemoteDashboard(_id, _name, _url, _token));
            _errors = change.Errors;
            if (change.Succeeded)
            {
                (_id, _name, _url, _token) = ("", "", "", "");
                await ReloadAsync();
            }
        }
        catch (UnauthorizedAccessException e)
        {
            _refusal = e.Message;
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
        catch (UnauthorizedAccessException e)
        {
            _refusal = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ReloadAsync()
    {
        try
        {
            _remotes = await Remotes.ListAsync(_actor);
        }
        catch (UnauthorizedAccessException e)
        {
            _refusal = e.Message;
        }
    }
}
