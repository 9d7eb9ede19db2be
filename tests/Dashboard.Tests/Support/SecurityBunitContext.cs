namespace Dashboard.Tests.Support;

/// <summary>
/// The bUnit base of the access components' tests: the app's real Identity, user administration, share-link and
/// token services over an in-memory database (<see cref="SecurityTestServices"/>), ready before each test with the
/// components signed in as a user of their own, and disposed after it.
/// </summary>
public abstract class SecurityBunitContext : BunitDashboardContext
{
    private readonly string _userName;
    private readonly string _role;

    /// <param name="userName">The user every test starts signed in as, made before the test with <paramref name="role"/>.</param>
    /// <param name="role">That user's role.</param>
    protected SecurityBunitContext(string userName, string role)
    {
        _userName = userName;
        _role = role;
        Security = SecurityTestServices.AddTo(Services);
    }

    private protected SecurityTestServices Security { get; }

    /// <summary>The signed-in user's id.</summary>
    protected string UserId { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await Security.ReadyAsync();
        var claims = await Security.CreateUserAsync(_userName, _role);
        UserId = claims.Single(c => c.Value.Length > 0 && c.Type.EndsWith("nameidentifier", StringComparison.Ordinal)).Value;
        SignInAs(_userName, _role);
        Authorization.SetClaims(claims);
    }

    protected override async Task DisposeTestAsync() => await Security.DisposeAsync();
}
