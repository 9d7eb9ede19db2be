using System.Diagnostics;
using System.Net;
using Dashboard.Access;
using Streaming.Http;
using Xunit.Abstractions;

namespace Dashboard.Tests.Access.SignIn;

/// <summary>
/// Guessing passwords (form and HTTP Basic alike): wrong passwords pause the address they come from for that
/// account, many from everywhere lock the account, and too many from one address refuse it everything. An unknown
/// name, a locked or disabled account and a wrong password get the same answer in about the same time, so neither
/// tells whether an account exists or is locked.
/// </summary>
public sealed class SignInProtectionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Refused = "Wrong user name or password, or too many failed attempts: then wait 5 minutes.";
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress OtherAttacker = IPAddress.Parse("127.0.0.3");

    private readonly SecurityApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task WrongPasswordsPauseTheirAddressForTheAccountAndThenEvenTheRightOneIsRefusedFromIt()
    {
        _app.WithSetting("Auth:MaxFailedAttempts", "3");
        await _app.CreateUserAsync("alice", DashboardRoles.Viewer);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var wrong = await FormSignIn.SubmitAsync(_app, "alice", "not-it");
            Assert.False(wrong.SignedIn);
            Assert.Contains(Refused, wrong.Page, StringComparison.Ordinal);
        }

        var right = await FormSignIn.SubmitAsync(_app, "alice", SecurityApp.Password);
        Assert.False(right.SignedIn);
        Assert.Contains(Refused, right.Page, StringComparison.Ordinal);
        using var basic = _app.CreateBasicClient("alice", SecurityApp.Password);
        using var response = await basic.GetAsync(new Uri("api/cameras", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAttackerElsewhereCannotKeepTheOwnerOut()
    {
        _app.WithSetting("Auth:MaxFailedAttempts", "3");
        await _app.CreateUserAsync("bob", DashboardRoles.Operator);
        using (var guesser = SourceAddressClient.Create(_app.Address, Attacker, "bob", "guess"))
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                using var wrong = await guesser.GetAsync(new Uri(FeedRoutes.Snapshot("porch"), UriKind.Relative));
                Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            }
        }

        // The attacker's address is paused for bob, even should it guess right now...
        using var lucky = SourceAddressClient.Create(_app.Address, Attacker, "bob", SecurityApp.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await lucky.GetAsync(new Uri(FeedRoutes.Snapshot("porch"), UriKind.Relative))).StatusCode);
        lucky.DefaultRequestHeaders.Authorization = null;
        Assert.Contains(Refused, (await FormSignIn.SubmitAsync(lucky, "bob", SecurityApp.Password)).Page, StringComparison.Ordinal);

        // ...while bob, from his own address, signs in both ways.
        using var owner = _app.CreateBasicClient("bob", SecurityApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(new Uri(FeedRoutes.Snapshot("porch"), UriKind.Relative))).StatusCode);
        Assert.True((await FormSignIn.SubmitAsync(_app, "bob", SecurityApp.Password)).SignedIn);
        Assert.False(await IsAccountLockedAsync("bob"));

        // An admin's unlock lifts the address's pause too.
        var admin = await _app.PrincipalAsync(DashboardApp.AdminUser);
        Assert.True((await _app.UserAdministration.UnlockAsync(admin, (await _app.FindUserAsync("bob")).Id)).Succeeded);
        using var unlocked = SourceAddressClient.Create(_app.Address, Attacker, "bob", SecurityApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await unlocked.GetAsync(new Uri(FeedRoutes.Snapshot("porch"), UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task WrongPasswordsFromManyAddressesTogetherLockTheAccountForEveryone()
    {
        _app.WithSetting("Auth:MaxFailedAttempts", "3").WithSetting("Auth:AccountMaxFailedAttempts", "4");
        await _app.CreateUserAsync("carl", DashboardRoles.Viewer);

        foreach (var address in (IPAddress[])[Attacker, OtherAttacker])
        {
            using var guesser = SourceAddressClient.Create(_app.Address, address, "carl", "guess");
            for (var attempt = 0; attempt < 2; attempt++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync(new Uri("api/cameras", UriKind.Relative))).StatusCode);
            }
        }

        Assert.True(await IsAccountLockedAsync("carl"));
        var owner = await FormSignIn.SubmitAsync(_app, "carl", SecurityApp.Password);
        Assert.False(owner.SignedIn);
        Assert.Contains(Refused, owner.Page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownNamesLockedOrDisabledAccountsAndWrongPasswordsGetTheSameAnswer()
    {
        _app.WithSetting("Auth:MaxFailedAttempts", "3");
        await _app.CreateUserAsync("sam", DashboardRoles.Viewer);
        await _app.CreateUserAsync("lucy", DashboardRoles.Viewer);
        await _app.ChangeUserAsync("lucy", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddDays(1)));
        await _app.CreateUserAsync("dina", DashboardRoles.Viewer);
        await _app.ChangeUserAsync("dina", (users, user) =>
        {
            user.IsDisabled = true;
            return users.UpdateSecurityStampAsync(user);
        });
        await _app.CreateUserAsync("pete", DashboardRoles.Viewer);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await FormSignIn.SubmitAsync(_app, "pete", "guess");
        }

        (string User, string Password)[] refusals =
        [
            ("nobody", SecurityApp.Password), ("sam", "guess"), ("lucy", SecurityApp.Password), ("dina", SecurityApp.Password), ("pete", SecurityApp.Password),
        ];
        var pages = new List<string>();
        var basics = new List<string>();
        foreach (var (user, password) in refusals)
        {
            var form = await FormSignIn.SubmitAsync(_app, user, password);
            Assert.False(form.SignedIn, $"{user} signed in");
            pages.Add($"{(int)form.Status} {Alert(form.Page)}");
            using var client = _app.CreateBasicClient(user, password);
            using var response = await client.GetAsync(new Uri("api/cameras", UriKind.Relative));
            basics.Add($"{(int)response.StatusCode} {response.Headers.WwwAuthenticate} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.All(pages, page => Assert.Equal($"200 {Refused}", page));
        Assert.All(basics, basic => Assert.Equal(basics[0], basic));
        Assert.StartsWith("401 Basic", basics[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownNameOrALockedAccountTakesAboutAsLongAsAWrongPassword()
    {
        // Hashes cost what they cost in production, so the times compared are the ones a deployed app shows.
        _app.WithProductionPasswordHashing();
        _app.WithSetting("Auth:MaxFailedAttempts", "100").WithSetting("Auth:AccountMaxFailedAttempts", "100");
        await _app.CreateUserAsync("tess", DashboardRoles.Viewer);
        await _app.CreateUserAsync("lola", DashboardRoles.Viewer);
        await _app.ChangeUserAsync("lola", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddDays(1)));

        // Alternated, so the machine's other load falls on each kind alike; medians of a few.
        var times = new Dictionary<string, List<double>> { ["wrong password"] = [], ["unknown name"] = [], ["locked account"] = [] };
        (string Kind, string User, string Password)[] kinds =
            [("wrong password", "tess", "guess"), ("unknown name", "nobody-here", "guess"), ("locked account", "lola", SecurityApp.Password)];
        for (var round = 0; round < 7; round++)
        {
            foreach (var (kind, user, password) in kinds)
            {
                using var client = _app.CreateBasicClient(user, password);
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(new Uri("api/cameras", UriKind.Relative));
                times[kind].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }

        var medians = times.ToDictionary(t => t.Key, t => t.Value.Order().ElementAt(t.Value.Count / 2));
        output.WriteLine(string.Join(", ", medians.Select(m => $"{m.Key}: {m.Value:0} ms")));
        Assert.True(medians["unknown name"] >= medians["wrong password"] / 2, $"An unknown name answered in {medians["unknown name"]:0} ms, a wrong password in {medians["wrong password"]:0} ms.");
        Assert.True(medians["locked account"] >= medians["wrong password"] / 2, $"A locked account answered in {medians["locked account"]:0} ms, a wrong password in {medians["wrong password"]:0} ms.");
    }

    [Fact]
    public async Task AnUnknownNameALockedAccountAndAWrongPasswordEachCostOneHashOfTheAppsRounds()
    {
        // The timing test above cannot tell a skipped hash from the refusal pacing; counting the hashes can.
        var hasher = new CountingPasswordHasher();
        _app.WithServices(hasher.Register).WithSetting("Auth:MaxFailedAttempts", "100").WithSetting("Auth:AccountMaxFailedAttempts", "100");
        await _app.CreateUserAsync("tess", DashboardRoles.Viewer);
        await _app.CreateUserAsync("lola", DashboardRoles.Viewer);
        await _app.ChangeUserAsync("lola", (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddDays(1)));

        (string User, string Password)[] refused = [("tess", "guess"), ("nobody-here", "guess"), ("lola", SecurityApp.Password)];
        foreach (var (user, password) in refused)
        {
            var before = hasher.Verifications;
            using var client = _app.CreateBasicClient(user, password);
            using var response = await client.GetAsync(new Uri("api/cameras", UriKind.Relative));

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal([DashboardApp.TestPasswordHashRounds], hasher.RoundsVerified.Skip(before));
        }
    }

    [Fact]
    public async Task AfterTooManyFailuresFromOneAddressEvenOtherAccountsAreRefusedFromIt()
    {
        _app.WithSetting("Auth:SignInAttemptsPerMinute", "3").WithSetting("Auth:MaxFailedAttempts", "100").WithSetting("Auth:AccountMaxFailedAttempts", "100");
        await _app.CreateUserAsync("carol", DashboardRoles.Viewer);
        await _app.CreateUserAsync("dave", DashboardRoles.Viewer);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Contains(Refused, (await FormSignIn.SubmitAsync(_app, "carol", "guess")).Page, StringComparison.Ordinal);
        }

        var dave = await FormSignIn.SubmitAsync(_app, "dave", SecurityApp.Password);
        Assert.False(dave.SignedIn);
        Assert.Contains("Too many failed sign-ins from your address. Wait a minute, then try again.", dave.Page, StringComparison.Ordinal);
        using var basic = _app.CreateBasicClient("dave", SecurityApp.Password);
        using var response = await basic.GetAsync(new Uri("api/cameras", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(await IsAccountLockedAsync("carol"), "the throttle, not the lockout, refused");
    }

    private Task<bool> IsAccountLockedAsync(string userName) =>
        _app.WithUserManagerAsync(async users => await users.IsLockedOutAsync((await users.FindByNameAsync(userName))!));

    /// <summary>The sign-in page's error alert.</summary>
    private static string Alert(string page)
    {
        var start = page.IndexOf("role=\"alert\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the page shows no error");
        var text = System.Text.RegularExpressions.Regex.Replace(page[start..], "<[^>]*>", "\n");
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).First();
    }
}
