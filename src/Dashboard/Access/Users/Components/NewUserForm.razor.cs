using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Access.Users.Components;

public sealed partial class NewUserForm
{
    private string _userName = "";
    private string _role = DashboardRoles.Viewer;
    private string _password = "";
    private UserChange _result = UserChange.Done;
    private bool _busy;

    [Inject]
    private UserAdministration Administration { get; set; } = default!;

    [Inject]
    private IOptions<IdentityOptions> Identity { get; set; } = default!;

    /// <summary>The admin creating the account (checked again by <see cref="UserAdministration"/>).</summary>
    [Parameter, EditorRequired]
    public ClaimsPrincipal Actor { get; set; } = new();

    /// <summary>Called with the new user's name.</summary>
    [Parameter]
    public EventCallback<string> OnCreated { get; set; }

    private string PasswordRules => PasswordRulesText.Describe(Identity.Value.Password);

    private string? Error(string field) => _result.ErrorFor(field);

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var name = _userName.Trim();
            _result = await Administration.CreateAsync(Actor, new NewUser(name, _role, _password));
            if (_result.Succeeded)
            {
                (_userName, _password, _role) = ("", "", DashboardRoles.Viewer);
                await OnCreated.InvokeAsync(name);
            }
        }
        catch (UnauthorizedAccessException e)
        {
            _result = UserChange.Refused(e.Message);
        }
        finally
        {
            _busy = false;
        }
    }
}
