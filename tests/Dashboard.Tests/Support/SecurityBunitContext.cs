using System.Security.Claims;

namespace Dashboard.Tests.Support;

/// <summary>
/// The bUnit base of the access components' tests: the app's real Identity, user administration, share-link and
/// token services over an in-memory database (<see cref="SecurityTestServices"/>), ready before each test and
/// disposed after it.
/// </summary>
public abstract class SecurityBunitContext : BunitDashboardContext
{
    protected SecurityBunitContext() => Security = SecurityTestServices.AddTo(Services);

    private protected SecurityTestServices Security { get; }

    public override Task InitializeAsync() => Security.ReadyAsync();

    /// <summary>Creates <paramref name="userName"/> with <paramref name="role"/> and signs the components in as that user.</summary>
    /// <returns>The claims the sign-in carries (id and security stamp).</returns>
    protected async Task<Claim[]> SignInAsNewUserAsync(string userName, string role)
    {
        var claims = await Security.CreateUserAsync(userName, role);
        SignInAs(userName, role);
        Authorization.SetClaims(claims);
        return claims;
    }

    protected override async Task DisposeTestAsync() => await Security.DisposeAsync();
}
