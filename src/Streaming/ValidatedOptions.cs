using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Streaming;

public static class ValidatedOptions
{
    /// <summary>
    /// Options bound to a configuration section and checked by their data annotations when the app starts, so a bad
    /// setting fails the start with a message that names it. Add rules that span settings with <c>Validate</c>.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string sectionName)
        where TOptions : class =>
        services.AddOptions<TOptions>()
            .BindConfiguration(sectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
}
