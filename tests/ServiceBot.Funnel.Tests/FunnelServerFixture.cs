using ServiceBot.Testing;

namespace ServiceBot.Funnel.Tests;

/// <summary>One real server over the repository's bots for the conversation tests of this project.</summary>
public sealed class FunnelServerFixture : IAsyncLifetime
{
    private ServiceBotTestServer? _server;

    public ServiceBotTestServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async ValueTask InitializeAsync() => _server = await ServiceBotTestServer.StartAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
