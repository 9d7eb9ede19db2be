using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Streaming.Cameras;
using Streaming.Diagnostics;
using Streaming.Sources;
using Streaming.Sources.Http;

namespace Streaming;

public static class StreamingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the cameras (from the <c>Cameras</c> configuration array unless another
    /// <see cref="ICameraCatalog"/> is registered), their sources and the broadcaster.
    /// </summary>
    public static IHostApplicationBuilder AddStreaming(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<StreamingOptions>(StreamingOptions.SectionName)
            .Validate(o => o.ReconnectMaxDelay >= o.ReconnectInitialDelay, "Streaming:ReconnectMaxDelay must not be shorter than Streaming:ReconnectInitialDelay.");
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpCameraClient();
        services.TryAddSingleton<IFrameSourceFactory, FrameSourceFactory>();
        services.TryAddSingleton<ICameraCatalog, ConfigurationCameraCatalog>();
        services.AddMetrics();
        services.TryAddSingleton<StreamingMetrics>();
        services.TryAddSingleton<CameraRegistry>();
        services.AddHostedService<CameraStartupService>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }
}
