using Dashboard.Access.Sharing;
using Dashboard.Access.SignIn;
using Dashboard.Access.Users;
using Dashboard.Access.Tokens;
using Dashboard.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Streaming;

namespace Dashboard.Access;

internal static class AccessExtensions
{
    /// <summary>
    /// ASP.NET Core Identity on the dashboard's database, the sign-in cookie, HTTP Basic and share links
    /// for tools, the role policies, and sign-in throttling.
    /// </summary>
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<AuthOptions>(AuthOptions.SectionName)
            .Validate(auth => auth.AccountMaxFailedAttempts >= auth.MaxFailedAttempts, "Auth:AccountMaxFailedAttempts must be at least Auth:MaxFailedAttempts.");
        services.AddDashboardIdentity();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = DashboardSchemes.Default;
                options.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(DashboardSchemes.Default, DashboardSchemes.Default, policy => policy.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(DashboardSchemes.Basic, null)
            .AddScheme<AuthenticationSchemeOptions, ShareLinkAuthenticationHandler>(DashboardSchemes.ShareLink, null)
            .AddScheme<AuthenticationSchemeOptions, MachineTokenAuthenticationHandler>(MachineTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(cookie =>
            {
                cookie.Cookie.Name = "dashboard.auth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/account/login";
                cookie.LogoutPath = "/account/logout";
                cookie.AccessDeniedPath = "/account/access-denied";
                cookie.Events.OnRedirectToLogin = context => RawEndpoints.Match(context.Request.Path) ? RawEndpoints.ChallengeAsync(context.Response) : Redirect(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => RawEndpoints.Match(context.Request.Path) ? RawEndpoints.ForbidAsync(context.Response) : Redirect(context, StatusCodes.Status403Forbidden);
            }));

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = auth.Value.SessionLifetime);

        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.View, policy => policy.RequireRole(DashboardRoles.All))
            .AddPolicy(DashboardPolicies.Operate, policy => policy.RequireRole(DashboardRoles.Operator, DashboardRoles.Admin))
            .AddPolicy(DashboardPolicies.Administer, policy => policy.RequireRole(DashboardRoles.Admin))
            .AddPolicy(DashboardPolicies.CameraFeed, policy => policy.AddRequirements(new CameraFeedRequirement()));
        services.AddSingleton<IAuthorizationHandler, CameraFeedHandler>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, DashboardAuthenticationStateProvider>();
        services.AddHttpContextAccessor();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddSingleton<ShareLinkRevocations>();
        services.AddScoped<ShareLinkService>();
        services.AddSingleton<UserChangeGate>();
        services.AddScoped<UserAdministration>();
        services.AddMachineTokens();
        services.AddScoped<IDatabaseSeeder, IdentitySeeder>();

        // The sign-in keys live in the database (DatabaseProvider), so they survive restarts and every node shares them.
        return builder;
    }

    /// <summary>
    /// Identity for dashboard users on the dashboard's database: password and lockout rules, roles, the
    /// sign-in manager, and the cookie's security-stamp check with <see cref="UserSessions"/>.
    /// </summary>
    internal static IServiceCollection AddDashboardIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<DashboardUser>(identity =>
            {
                identity.User.RequireUniqueEmail = false;
                identity.Password.RequiredLength = 10;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager<DashboardSignInManager>()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AuthOptions>>((identity, auth) =>
        {
            // Identity's lockout is the per-account limit; the per-address one is SignInLockouts'.
            identity.Lockout.MaxFailedAccessAttempts = auth.Value.AccountMaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = auth.Value.LockoutDuration;
        });
        services.Configure<SecurityStampValidatorOptions>(stamp => stamp.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddSingleton<UserSessions>();
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<SignInLockouts>();
        services.AddSingleton<RefusalPacing>();
        services.AddSingleton<CredentialCache>();
        services.AddScoped<ISecurityStampValidator, DashboardSecurityStampValidator>();
        return services;
    }

    public static WebApplication UseAccess(this WebApplication app)
    {
        app.UseSameOriginCheck();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>
    /// Maps <c>POST /account/logout</c> (the sign-in page itself is a Razor component): with the user menu's
    /// antiforgery token only, and it ends that browser's session on the server, not just its cookie.
    /// </summary>
    public static IEndpointConventionBuilder MapAccessEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        account.MapPost("/logout", async (HttpContext context, SignInManager<DashboardUser> signIn, SignInSessions sessions, DashboardDbContext db) =>
        {
            // The antiforgery middleware only records its verdict; an endpoint that binds no form must act on it itself.
            if (context.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
            {
                return Results.Text("The sign-out form has expired: reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
            }

            await sessions.EndAsync(db, context, signIn.UserManager.GetUserId(context.User));
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        })
        .RequireAuthorization()
        .WithMetadata(new RequireAntiforgeryTokenAttribute());

        return account;
    }

    /// <summary>Basic header, share-link token, else the cookie.</summary>
    private static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) ? DashboardSchemes.Basic
        : context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? MachineTokenAuthenticationHandler.SchemeName
        : context.Request.Query.ContainsKey(DashboardSchemes.TokenParameter) ? DashboardSchemes.ShareLink
        : IdentityConstants.ApplicationScheme;

    /// <summary>
    /// A page's redirect to the sign-in (or access-denied) page. Endpoints that opt out of cookie redirects
    /// (Blazor's circuit hub) get the bare status instead, as ASP.NET Core's default events would give them:
    /// a script cannot follow a redirect to a sign-in form, and a Basic challenge would pop up a browser dialog.
    /// </summary>
    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context, int statusWithoutRedirect)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IDisableCookieRedirectMetadata>() is not null)
        {
            // Not the friendly "not found" page for people either: the script wants the status.
            context.HttpContext.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            context.Response.StatusCode = statusWithoutRedirect;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
