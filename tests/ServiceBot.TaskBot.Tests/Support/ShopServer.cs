using ServiceBot.SampleBackend;
using ServiceBot.Testing;

namespace ServiceBot.TaskBot.Tests.Support;

/// <summary>The real server with the sample shop bot, its workflows pointed at a sample backend on a free port.</summary>
public sealed class ShopServer : IAsyncLifetime
{
    private SampleShopBackend? _backend;
    private ServiceBotTestServer? _server;

    public ServiceBotTestServer Server => _server ?? throw new InvalidOperationException("The shop server has not started.");

    public async ValueTask InitializeAsync()
    {
        _backend = await SampleShopBackend.StartAsync("http://127.0.0.1:0").ConfigureAwait(false);
        _server = await ServiceBotTestServer.StartAsync(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ServiceBot:TaskBot:Backends:shop:Url"] = _backend.Address.ToString().TrimEnd('/'),
        }).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync().ConfigureAwait(false);
        }
    }
}
