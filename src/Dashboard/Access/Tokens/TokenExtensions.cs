namespace Dashboard.Access.Tokens;

internal static class TokenExtensions
{
    /// <summary>Machine tokens: making, verifying and revoking them, and ending the requests a revoked one serves.</summary>
    public static IServiceCollection AddMachineTokens(this IServiceCollection services)
    {
        services.AddSingleton<MachineTokenRevocations>();
        services.AddSingleton<MachineTokenVerifier>();
        services.AddScoped<MachineTokenService>();
        services.AddSingleton<MachineTokenSignIn>();
        return services;
    }
}
