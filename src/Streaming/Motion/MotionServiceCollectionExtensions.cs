using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Streaming.Motion;

public static class MotionServiceCollectionExtensions
{
    /// <summary>
    /// Registers motion detection (section <c>Motion</c>): the service that runs it for cameras that have it on,
    /// the clip folder and its retention. Sinks (<see cref="IMotionEventSink"/>) registered by the app get the events.
    /// </summary>
    public static IHostApplicationBuilder AddMotion(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<MotionOptions>(MotionOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ClipStorage(sp.GetRequiredService<IOptions<MotionOptions>>().Value));
        services.AddMetrics();
        services.TryAddSingleton<MotionMetrics>();
        services.TryAddSingleton<MotionService>();
        services.AddHostedService(sp => sp.GetRequiredService<MotionService>());
        services.TryAddSingleton<ClipRetentionService>();
        services.AddHostedService(sp => sp.GetRequiredService<ClipRetentionService>());
        return builder;
    }
}
