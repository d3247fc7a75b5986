using ServiceBot.Testing;

namespace ServiceBot.Server.Tests;

/// <summary>One server over the repository's sample bot, shared by the tests that only read from it.</summary>
public sealed class SampleServerFixture : IAsyncLifetime
{
    private ServiceBotTestServer? _server;

    public ServiceBotTestServer Server => _server ?? throw new InvalidOperationException("The sample server has not started.");

    public async ValueTask InitializeAsync() => _server = await ServiceBotTestServer.StartAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
