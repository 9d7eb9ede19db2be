using Bunit.Rendering;
using Bunit.TestDoubles;
using Dashboard.Access;
using Dashboard.Nodes;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Dashboard.Tests.Support;

/// <summary>
/// The shared bUnit base: loose JS interop (components may call scripts bUnit does not know), MudBlazor's
/// services, one node's services (cameras placed here, none remote), and a test authorization state (not signed in until a test says so). MudBlazor's services
/// need async disposal, which xunit 2 only does through <see cref="IAsyncLifetime"/>.
/// </summary>
public abstract class BunitDashboardContext : BunitContext, IAsyncLifetime
{
    protected BunitDashboardContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        Services.AddNodeServices();
        Authorization = AddAuthorization();
    }

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs the component in as <paramref name="userName"/> with <paramref name="role"/> and the policies that role grants.</summary>
    protected void SignInAs(string userName, string role) =>
        Authorization.SetAuthorized(userName).SetRoles(role).SetPolicies(role switch
        {
            DashboardRoles.Admin => [DashboardPolicies.View, DashboardPolicies.Operate, DashboardPolicies.Administer],
            DashboardRoles.Operator => [DashboardPolicies.View, DashboardPolicies.Operate],
            _ => [DashboardPolicies.View],
        });

    /// <summary>
    /// Renders <typeparamref name="TComponent"/> after MudBlazor's popover and dialog providers, which its menus,
    /// tooltips and dialogs need; find its parts in the returned host.
    /// </summary>
    protected IRenderedComponent<ContainerFragment> RenderWithProviders<TComponent>(params (string Name, object? Value)[] parameters)
        where TComponent : IComponent => Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<TComponent>(2);
            foreach (var (name, value) in parameters)
            {
                builder.AddComponentParameter(3, name, value);
            }

            builder.CloseComponent();
        });

    public virtual Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeTestAsync();
        await DisposeAsync();
    }

    /// <summary>Cleans up what the test class created, before the bUnit context goes.</summary>
    protected virtual Task DisposeTestAsync() => Task.CompletedTask;
}
