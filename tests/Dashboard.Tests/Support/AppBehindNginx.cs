namespace Dashboard.Tests.Support;

/// <summary>
/// The app of <see cref="SecurityApp"/> (porch and yard, 10 fps) behind Debian's nginx with the repository's snippet, for a
/// test class whose tests change nothing the next one sees.
/// </summary>
public sealed class AppBehindNginx : IAsyncLifetime
{
    private NginxProxy? _nginx;

    public SecurityApp App { get; } = new();

    internal NginxProxy Nginx => _nginx!;

    public async Task InitializeAsync()
    {
        await App.ReadyAsync();
        _nginx = await NginxProxy.StartAsync(App.Address);
    }

    public async Task DisposeAsync()
    {
        _nginx?.Dispose();
        await App.DisposeAsync();
    }
}
